using Microsoft.Data.Sqlite;

namespace SecuConnect.Sandbox.Store;

/// <summary>
/// One resource's records in a table of the sandbox's SQLite data file (seq = creation order, id, json), beside the
/// customers' table; a file written before the resource existed gets the table when it is first opened. Reads are
/// served from an in-memory copy loaded at start; writes are serialised under one lock and written through before
/// they become visible, so the file and the memory never disagree.
/// </summary>
public sealed class SqliteRecordStore<T> : IRecordStore<T> where T : class, IStoredRecord
{
    private readonly InMemoryRecordStore<T> _memory;
    private readonly ProductIds _ids;
    private readonly Func<T, string> _serialize;
    private readonly SqliteConnection _db;
    private readonly object _write = new();
    private readonly SqliteCommand _insert, _update, _delete;
    private readonly string _table;

    /// <param name="table">the table's name, a constant of the resource (never user input)</param>
    /// <param name="load">rebuilds a record from (seq, id, json); throws InvalidDataException for an unreadable row</param>
    public SqliteRecordStore(string path, string table, ProductIds ids, Func<long, string, string, T> load, Func<T, string> serialize)
    {
        _table = table;
        _ids = ids;
        _serialize = serialize;
        _memory = new InMemoryRecordStore<T>(ids);
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        _db.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
        Execute($"CREATE TABLE IF NOT EXISTS {table} (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, json TEXT NOT NULL)");
        _insert = Prepare($"INSERT INTO {table} (seq, id, json) VALUES ($seq, $id, $json)", "$seq", "$id", "$json");
        _update = Prepare($"UPDATE {table} SET json = $json WHERE id = $id", "$json", "$id");
        _delete = Prepare($"DELETE FROM {table} WHERE id = $id", "$id");
        LoadAll(load);
    }

    public T? Get(string id) => _memory.Get(id);

    public IReadOnlyList<T> Snapshot() => _memory.Snapshot();

    public T Add(Func<string, long, T> build)
    {
        lock (_write)
        {
            string id;
            do { id = _ids.New(); } while (_memory.Get(id) != null);
            var record = build(id, _memory.LastSequence + 1);
            Run(_insert, record.Seq, record.Id, _serialize(record));
            _memory.Load(record);
            return record;
        }
    }

    public T? Replace(string id, Func<T, T> update)
    {
        lock (_write)
        {
            var current = _memory.Get(id);
            if (current == null) return null;
            var next = update(current);
            Run(_update, _serialize(next), id);
            _memory.Load(next);
            return next;
        }
    }

    public T? Remove(string id)
    {
        lock (_write)
        {
            if (_memory.Get(id) == null) return null;
            Run(_delete, id);
            return _memory.Remove(id);
        }
    }

    public void Clear()
    {
        lock (_write)
        {
            Execute($"DELETE FROM {_table}");
            _memory.Clear();
        }
    }

    public void Dispose()
    {
        lock (_write)
        {
            _insert.Dispose();
            _update.Dispose();
            _delete.Dispose();
            _db.Dispose();
        }
    }

    private void LoadAll(Func<long, string, string, T> load)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = $"SELECT seq, id, json FROM {_table} ORDER BY seq";
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) _memory.Load(load(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
    }

    private void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        foreach (string n in names) cmd.Parameters.Add(new SqliteParameter(n, null));
        cmd.Prepare();
        return cmd;
    }

    private static void Run(SqliteCommand cmd, params object[] values)
    {
        for (int i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i];
        cmd.ExecuteNonQuery();
    }
}

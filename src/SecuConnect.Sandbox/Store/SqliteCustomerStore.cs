using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SecuConnect.Sandbox.Customers;
using SecuConnect.Sandbox.Extras;
using SecuConnect.Sandbox.Models;

namespace SecuConnect.Sandbox.Store;

/// <summary>
/// Customers persisted in a SQLite file (table customers: seq = creation order, id, json). One process per file
/// (<see cref="DataFileLock"/>). Reads are served from an in-memory copy loaded at start; writes are serialised under
/// one lock and written through before they become visible, so the file and the memory never disagree. Each write
/// checks that it changed the one row it meant to: a row that is gone from the file is gone, never acknowledged.
/// </summary>
public sealed class SqliteCustomerStore : IRecordStore<CustomerRecord>
{
    private readonly InMemoryRecordStore<CustomerRecord> _memory = new(CustomerIds.Products);
    private readonly DataFileLock _fileLock;
    private readonly SqliteConnection _db;
    private readonly object _write = new();
    private readonly SqliteCommand _insert, _update, _delete;

    /// <summary>Opens or creates the file; throws <see cref="DataFileInUseException"/> when another sandbox has it.</summary>
    public SqliteCustomerStore(string path)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        _fileLock = DataFileLock.Acquire(path);
        try
        {
            _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
            _db.Open();
            Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
            Execute("CREATE TABLE IF NOT EXISTS customers (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, json TEXT NOT NULL)");
            _insert = Prepare("INSERT INTO customers (seq, id, json) VALUES ($seq, $id, $json)", "$seq", "$id", "$json");
            _update = Prepare("UPDATE customers SET json = $json WHERE id = $id", "$json", "$id");
            _delete = Prepare("DELETE FROM customers WHERE id = $id", "$id");
            LoadAll();
        }
        catch
        {
            _db?.Dispose();
            _fileLock.Dispose();
            throw;
        }
    }

    public CustomerRecord? Get(string id) => _memory.Get(id);

    public IReadOnlyList<CustomerRecord> Snapshot() => _memory.Snapshot();

    public CustomerRecord Add(Func<string, long, CustomerRecord> build)
    {
        lock (_write)
        {
            string id;
            do { id = CustomerIds.New(); } while (_memory.Get(id) != null);
            var record = build(id, _memory.LastSequence + 1);
            if (Run(_insert, record.Seq, record.Id, Encoding.UTF8.GetString(record.Json)) != 1)
                throw new InvalidOperationException($"Storing customer {record.Id} changed no row of the data file.");
            _memory.Load(record);
            return record;
        }
    }

    public CustomerRecord? Replace(string id, Func<CustomerRecord, CustomerRecord> update)
    {
        lock (_write)
        {
            var current = _memory.Get(id);
            if (current == null) return null;
            var next = update(current);
            if (Run(_update, Encoding.UTF8.GetString(next.Json), id) != 1) return Forget(id);
            _memory.Load(next);
            return next;
        }
    }

    public CustomerRecord? Remove(string id)
    {
        lock (_write)
        {
            if (_memory.Get(id) == null) return null;
            if (Run(_delete, id) != 1) return Forget(id);
            return _memory.Remove(id);
        }
    }

    /// <summary>A customer whose row is no longer in the file (something else removed it): drop the copy, report none.</summary>
    private CustomerRecord? Forget(string id)
    {
        _memory.Remove(id);
        return null;
    }

    public void Clear()
    {
        lock (_write)
        {
            Execute("DELETE FROM customers");
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
            _fileLock.Dispose();
        }
    }

    private void LoadAll()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT seq, id, json FROM customers ORDER BY seq";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            long seq = reader.GetInt64(0);
            string id = reader.GetString(1);
            using var doc = JsonDocument.Parse(reader.GetString(2));
            var root = doc.RootElement;
            // The stored form holds modelled members and extra ones only: every unmodelled member is an extra.
            if (!root.TryGetProperty("contact", out var c) || CustomerInputParser.ParseContact(c, out var contact, AnyName, AnyName) != null || contact == null)
                throw new InvalidDataException($"Stored customer {id} is not readable.");
            var extras = root.EnumerateObject()
                .Where(p => Array.IndexOf(ExtraFields.ReservedCustomer, p.Name) < 0)
                .Select(p => new ExtraMember(p.Name, p.Value.GetRawText()))
                .ToArray();
            string created = root.GetProperty("created").GetString()!;
            string? updated = root.TryGetProperty("updated", out var u) ? u.GetString() : null;
            string? contract = root.TryGetProperty("contract", out var ct) ? ct.GetProperty("id").GetString() : null;
            string merchant = root.GetProperty("merchant").GetProperty("id").GetString()!;
            _memory.Load(new CustomerRecord(id, seq, contract, merchant, contact, created, updated, extras));
        }
    }

    private static bool AnyName(string name) => true;

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

    /// <summary>Runs a prepared write; returns the number of rows it changed.</summary>
    private static int Run(SqliteCommand cmd, params object[] values)
    {
        for (int i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i];
        return cmd.ExecuteNonQuery();
    }
}

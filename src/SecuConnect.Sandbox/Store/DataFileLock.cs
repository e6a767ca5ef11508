namespace SecuConnect.Sandbox.Store;

/// <summary>
/// One sandbox per data file: an exclusively opened lock file beside it (FILE.lock), held for the process's lifetime.
/// The operating system releases it when the process ends, however it ends, so a crashed sandbox blocks no later
/// start. The file stays in place: deleting it would let a third process lock a new file while a second holds the old.
/// </summary>
public sealed class DataFileLock : IDisposable
{
    private readonly FileStream _lock;

    private DataFileLock(FileStream held) => _lock = held;

    /// <summary>Takes the lock for <paramref name="dataFile"/>; throws <see cref="DataFileInUseException"/> when another process holds it.</summary>
    public static DataFileLock Acquire(string dataFile)
    {
        string path = LockPath(dataFile);
        try
        {
            // FileShare.None is a sharing mode on Windows and flock(LOCK_EX) on Unix: either way, process-wide and
            // released by the OS with the process.
            return new DataFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (HeldElsewhere(e))
        {
            throw new DataFileInUseException(Path.GetFullPath(dataFile), path);
        }
    }

    /// <summary>The lock file beside the data file's real path, so spellings of one file ("..", links) share a lock.</summary>
    public static string LockPath(string dataFile) => RealPath(dataFile) + ".lock";

    /// <summary>The full path with every symbolic link in it resolved, in the folders as in the file name.</summary>
    private static string RealPath(string path)
    {
        string full = Path.GetFullPath(path);
        string? parent = Path.GetDirectoryName(full);
        if (parent == null) return full;
        string resolved = Path.Combine(RealPath(parent), Path.GetFileName(full));
        var info = new FileInfo(resolved);
        // The final target is no link itself, but the folders on its path may be.
        var target = info.LinkTarget == null ? null : info.ResolveLinkTarget(returnFinalTarget: true);
        return target == null ? resolved : RealPath(target.FullName);
    }

    // Another process holds the lock: a sharing or lock violation on Windows, EWOULDBLOCK from flock on Unix
    // (11 on Linux, 35 on macOS and the BSDs).
    private static bool HeldElsewhere(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 32 or 33
        : e.HResult == (OperatingSystem.IsLinux() ? 11 : 35);

    public void Dispose() => _lock.Dispose();
}

/// <summary>The data file is in use by another sandbox.</summary>
public sealed class DataFileInUseException(string dataFile, string lockFile)
    : Exception($"the data file '{dataFile}' is in use by another sandbox, which holds its lock file '{lockFile}'. " +
                "One sandbox per data file: stop the other one, or give this one another --data file.")
{
    public string DataFile { get; } = dataFile;
}

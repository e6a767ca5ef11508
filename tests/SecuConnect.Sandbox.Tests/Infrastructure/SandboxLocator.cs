namespace SecuConnect.Sandbox.Tests.Infrastructure;

/// <summary>Finds the published sandbox: SECUCONNECT_SANDBOX_DLL, else out/SecuConnect.Sandbox under the repository root.</summary>
public static class SandboxLocator
{
    public const string EnvironmentVariable = "SECUCONNECT_SANDBOX_DLL";

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecuConnect.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"SecuConnect.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>The sandbox dll path; throws (never skips) when it has not been published.</summary>
    public static string SandboxDll()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var path = string.IsNullOrWhiteSpace(fromEnv)
            ? Path.Combine(RepositoryRoot(), "out", "SecuConnect.Sandbox", "SecuConnect.Sandbox.dll")
            : Path.GetFullPath(fromEnv);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The sandbox is not built: {path} is missing. Publish it with " +
                "'dotnet publish src/SecuConnect.Sandbox/SecuConnect.Sandbox.csproj -c Release -o out/SecuConnect.Sandbox' " +
                $"or point {EnvironmentVariable} at SecuConnect.Sandbox.dll.", path);
        }
        return path;
    }
}

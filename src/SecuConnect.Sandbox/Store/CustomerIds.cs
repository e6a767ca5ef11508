namespace SecuConnect.Sandbox.Store;

/// <summary>Customer ids: PCU_ + 30 random [A-Z0-9], matched case-sensitively.</summary>
public static class CustomerIds
{
    private static readonly ProductIds Ids = new("PCU_");

    public static string New() => Ids.New();

    public static bool IsWellFormed(string id) => Ids.IsWellFormed(id);
}

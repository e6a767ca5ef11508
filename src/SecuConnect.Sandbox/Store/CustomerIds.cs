namespace SecuConnect.Sandbox.Store;

/// <summary>Customer ids: PCU_ + 30 random [A-Z0-9], matched case-sensitively.</summary>
public static class CustomerIds
{
    public static readonly ProductIds Products = new("PCU_");

    public static string New() => Products.New();

    public static bool IsWellFormed(string id) => Products.IsWellFormed(id);
}

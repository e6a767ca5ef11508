namespace SecuConnect.Sandbox.Store;

/// <summary>What every stored record has: its id and its creation order (the default list order).</summary>
public interface IStoredRecord
{
    string Id { get; }

    long Seq { get; }
}

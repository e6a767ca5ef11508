namespace SecuConnect.Sandbox.Tests.Infrastructure;

/// <summary>The demo client built into the sandbox (the vendor guide's example credentials).</summary>
public static class DemoClient
{
    public const string Id = "09ae83af7c37121b2de929b211bad944";
    public const string Secret = "9c5f250b69f6436cb38fd780349bc00810d8d5051d3dcf821e428f65a32724bd";
}

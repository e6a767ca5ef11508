namespace SecuConnect
{
    /// <summary>The SecuConnect hosts a connection can target without an explicit base URI.</summary>
    public enum SecuEnvironment
    {
        /// <summary>https://connect.secucard.com</summary>
        Production,
        /// <summary>https://connect-testing.secuconnect.com</summary>
        Testing,
    }
}

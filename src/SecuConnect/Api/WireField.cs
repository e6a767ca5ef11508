using System;

namespace SecuConnect.Api
{
    /// <summary>One text field of a model under its wire name.</summary>
    internal sealed class WireField<T>
    {
        public WireField(string name, Func<T, string> get, Action<T, string> set)
        {
            Name = name;
            Get = get;
            Set = set;
        }

        public string Name { get; }
        public Func<T, string> Get { get; }
        public Action<T, string> Set { get; }
    }
}

using System.Collections.Generic;

namespace SecuConnect.Core
{
    /// <summary>A listing of customers or of any other list resource: with <see cref="First"/> or <see cref="Skip"/> it pages by count/offset, else by scroll search.</summary>
    internal sealed class ListQuery
    {
        public const int MaxPageSize = 1000;
        public const int DefaultPageSize = 500;

        public string? Filter { get; set; }
        public string? Sort { get; set; }
        public string? Fields { get; set; }
        public int PageSize { get; set; } = DefaultPageSize;

        /// <summary>At most this many customers; null for all.</summary>
        public long? First { get; set; }

        public long Skip { get; set; }

        /// <summary>How long the server keeps a scroll context between pages.</summary>
        public string ScrollExpire { get; set; } = "5m";

        /// <summary>
        /// Further query parameters sent with the first request (and with every request when paging by offset); a
        /// scroll keeps them on the server, so follow-up requests send only the scroll id.
        /// </summary>
        public IList<KeyValuePair<string, string>>? Parameters { get; set; }

        public bool UsesOffsets => First.HasValue || Skip > 0;
    }
}

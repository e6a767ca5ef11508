#nullable enable
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace SecuConnect.Core
{
    /// <summary>One member an answer held in a shape its model did not expect: where, what came, what was expected.</summary>
    internal readonly struct ShapeNote
    {
        public ShapeNote(string path, string found, string expected, bool sentBack)
        {
            Path = path;
            Found = found;
            Expected = expected;
            SentBack = sentBack;
        }

        /// <summary>The API's path of the member, e.g. contact.phone.</summary>
        public string Path { get; }

        /// <summary>What came, in words: "an object", "text that is not a time". Never the value: values are personal data.</summary>
        public string Found { get; }

        /// <summary>What the model expects there, in words: "text", "an object", "a time".</summary>
        public string Expected { get; }

        /// <summary>True for a member a write sends (client data kept as it came); false for one the server manages.</summary>
        public bool SentBack { get; }
    }

    /// <summary>
    /// The unexpected shapes one record's answer held, noted by the model reader as it reads. A model keeps a
    /// <c>ShapeNotes</c> reference that stays null while every member has its expected shape, so the common answer
    /// allocates nothing for it (<see cref="Note"/> creates the list on the first note).
    /// </summary>
    internal sealed class ShapeNotes
    {
        private readonly List<ShapeNote> _notes = new List<ShapeNote>(2);

        public IReadOnlyList<ShapeNote> All => _notes;

        /// <summary>
        /// Adds a note to <paramref name="notes"/>, creating the list when it is the first. <paramref name="sentBack"/>:
        /// the member is client data that writes send back as it came (see <see cref="KeptToken"/>).
        /// </summary>
        public static void Note(ref ShapeNotes? notes, string path, string found, string expected, bool sentBack = false) =>
            (notes ?? (notes = new ShapeNotes()))._notes.Add(new ShapeNote(path, found, expected, sentBack));
    }

    /// <summary>
    /// Warns once per command run about each unexpected shape (a path and what came there), however many records
    /// hold it: a listing of 10,000 customers whose phone is an object gives one warning, not 10,000. One instance per
    /// cmdlet run, shared by its workers; thread-safe. It names paths and shapes only, never values.
    /// </summary>
    internal sealed class ShapeWarnings
    {
        // Created on the first note: most runs never see an unexpected shape.
        private ConcurrentDictionary<string, byte>? _seen;

        /// <summary>
        /// Queues one warning for each note not reported before in this run. <paramref name="records"/> names the
        /// resource in the message ("customers").
        /// </summary>
        public void Report(ShapeNotes? notes, string records, ApiLogQueue log)
        {
            if (notes == null) return;
            var seen = System.Threading.LazyInitializer.EnsureInitialized(ref _seen, () => new ConcurrentDictionary<string, byte>())!;
            foreach (var n in notes.All)
            {
                if (!seen.TryAdd(n.Path + "\n" + n.Found, 0)) continue;
                log.Warning($"The API answered {n.Path} of {records} as {n.Found}, where the module expects {n.Expected}. " +
                    (n.SentBack
                        ? "The value is kept as it came: its property shows it as text (its JSON), and an update that does not change it sends it back unchanged."
                        : "Its property shows the value as text.") +
                    " (Said once per command, for every record with this shape.)");
            }
        }
    }
}

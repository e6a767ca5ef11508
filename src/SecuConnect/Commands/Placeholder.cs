namespace SecuConnect.Commands { internal static class Placeholder { } }

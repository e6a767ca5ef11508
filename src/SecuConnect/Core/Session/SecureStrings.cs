using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security;

namespace SecuConnect.Core
{
    internal static class SecureStrings
    {
        /// <summary>Unwraps a secret for the moment a request is built; callers never keep the result.</summary>
        [return: NotNullIfNotNull("value")]
        public static string? Unwrap(SecureString? value)
        {
            if (value == null) return null;
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(value);
                return Marshal.PtrToStringUni(ptr);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }

        [return: NotNullIfNotNull("value")]
        public static SecureString? ReadOnlyCopy(SecureString? value)
        {
            if (value == null) return null;
            var copy = value.Copy();
            copy.MakeReadOnly();
            return copy;
        }
    }
}

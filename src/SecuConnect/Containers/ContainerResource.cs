#nullable enable
using SecuConnect.Containers;
using SecuConnect.Core;

[assembly: ApiResource(typeof(ContainerResource))]

namespace SecuConnect.Containers
{
    /// <summary>Payment containers as the request pipeline sees them: their name in messages, ids, and personal fields.</summary>
    internal static class ContainerResource
    {
        /// <summary>The value of "object" in the API's answers.</summary>
        public const string ObjectName = "payment.containers";

        /// <summary>The only type the module creates (cards are stored through a payment page).</summary>
        public const string BankAccountType = "bank_account";

        // The account's members wherever they appear (private, public, the mandate's iban and bic) are personal data.
        public static readonly ResourceDescriptor Descriptor = new ResourceDescriptor(
            "payment container", ContainerIds.Prefix, "Get-SecuPaymentContainer",
            new[] { "iban", "bic", "owner", "bankname", "purpose" });
    }
}

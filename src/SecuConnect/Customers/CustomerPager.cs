using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SecuConnect.Core;
using SecuConnect.Customers;

namespace SecuConnect.Customers
{
    /// <summary>A lazy listing of customers (see <see cref="ListPager{T}"/>).</summary>
    internal sealed class CustomerPager : ListPager<PaymentCustomer>
    {
        internal CustomerPager(SecuClient client, ListQuery query, CancellationToken cancellationToken)
            : base(query, (parameters, token) => FetchAsync(client, parameters, token), client.Log, "customers", cancellationToken)
        {
        }

        private static async Task<ListPage<PaymentCustomer>> FetchAsync(SecuClient client, List<KeyValuePair<string, string>> parameters, CancellationToken token)
        {
            var list = await client.ListPageAsync(parameters, token).ConfigureAwait(false);
            return new ListPage<PaymentCustomer>(list.Count, list.Data, list.ScrollId);
        }
    }
}

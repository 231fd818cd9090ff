using System.Net;

namespace Acgs.Api.Tests.Infrastructure;

public static class Eventually
{
    public static async Task StatusAsync(HttpClient client, string path, HttpStatusCode expected, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        HttpStatusCode last;
        do
        {
            last = (await client.GetAsync(path)).StatusCode;
            if (last == expected)
            {
                return;
            }
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        throw new Xunit.Sdk.XunitException($"{path} answered {(int)last}, not {(int)expected}, within {within}");
    }
}

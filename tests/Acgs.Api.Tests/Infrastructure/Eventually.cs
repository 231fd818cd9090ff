using System.Net;

namespace Acgs.Api.Tests.Infrastructure;

public static class Eventually
{
    public static async Task<HttpResponseMessage> OkAsync(HttpClient client, string path, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
                return response;
            }
            await Task.Delay(100);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"condition not met within {within}");
            }
            await Task.Delay(100);
        }
    }

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

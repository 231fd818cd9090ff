using System.Security.Cryptography;
using Acgs.Ledger.Integrity;

namespace Acgs.Protocol.Tests.Integrity;

public class reused_sha256_contexts_hash_each_input_alone
{
    [Fact]
    public void every_digest_equals_a_fresh_one_whatever_came_before_on_the_thread()
    {
        Parallel.For(0, 4 * Environment.ProcessorCount, worker =>
        {
            var random = new Random(worker);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            for (var round = 0; round < 200; round++)
            {
                // Lengths across the one-, two- and many-block cases, the empty input among them.
                var input = new byte[random.Next(0, 1200)];
                random.NextBytes(input);
                Sha256.Hash(input, digest);
                digest.ToArray().ShouldBe(SHA256.HashData(input), $"worker {worker}, round {round}, {input.Length} bytes");
            }
        });
    }
}

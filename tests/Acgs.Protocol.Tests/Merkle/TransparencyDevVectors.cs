namespace Acgs.Protocol.Tests.Merkle;

// Vectors/rfc6962-merkle-transparency-dev (see its SOURCE.txt), copied to the output folder so that a
// clone needs nothing outside the repository.
internal static class TransparencyDevVectors
{
    public static string PathOf(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Vectors", "rfc6962-merkle-transparency-dev", .. parts]);
}

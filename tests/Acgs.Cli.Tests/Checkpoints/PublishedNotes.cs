namespace Acgs.Cli.Tests.Checkpoints;

// From the c2sp-signed-note vectors (tests/Acgs.Protocol.Tests/Vectors/c2sp-signed-note, see SOURCE.txt there):
// golang.org/x/mod sumdb/note, C2SP tlog-checkpoint.md, golang/go's knownGOSUMDB, transparency-dev/formats.
internal static class PublishedNotes
{
    public const string PeterNeumannVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

    public const string PeterNeumannNote =
        "If you think cryptography is the answer to your problem,\n" +
        "then you don't know what your problem is.\n" +
        "\n" +
        "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    public const string PeterNeumannInvalidSignatureNote =
        "If you think cryptography is the answer to your problem,\n" +
        "then you don't know what your problem is.\n" +
        "\n" +
        "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZIABCDnNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    public const string SumGolangOrgVerifierKey = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

    public const string BehindTheSofaCheckpoint =
        "example.com/behind-the-sofa\n" +
        "20852163\n" +
        "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n" +
        "\n" +
        "— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";

    public const string LogSignerKey = "PRIVATE+KEY+Log+2271c621+AdEIq9FLRQni54Wg68T96VJO+iayOaulswav2DUMKgvQ";

    public const string LogVerifierKey = "Log+2271c621+AemuH5ooBpEPcr+W8onrjA1NfuzBVHdezakU81Ekarvs";
}

using System.Diagnostics;

namespace Acgs.Bench;

// A fixed-time harness for a shared machine: warm up (JIT tiers, caches), then count operations in
// rounds of equal length and report medians, which outside load disturbs least. A comparison
// alternates the baseline's and the candidate's rounds, so both see the same load, and takes the
// median of the per-pair overheads.
internal static class Harness
{
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Round = TimeSpan.FromMilliseconds(500);
    public const int Rounds = 11;

    public static double MedianOpsPerSecond(Action operation)
    {
        RunFor(operation, WarmUp);
        var rates = new double[Rounds];
        for (var round = 0; round < Rounds; round++)
        {
            rates[round] = RatePerSecond(operation);
        }

        return Median(rates);
    }

    // Overhead is the extra time per operation: rate(baseline) / rate(candidate) − 1.
    public static Comparison Compare(Action baseline, Action candidate)
    {
        RunFor(baseline, WarmUp);
        RunFor(candidate, WarmUp);
        var baselineRates = new double[Rounds];
        var candidateRates = new double[Rounds];
        var overheads = new double[Rounds];
        for (var round = 0; round < Rounds; round++)
        {
            baselineRates[round] = RatePerSecond(baseline);
            candidateRates[round] = RatePerSecond(candidate);
            overheads[round] = baselineRates[round] / candidateRates[round] - 1;
        }

        return new Comparison(Median(baselineRates), Median(candidateRates), Median(overheads));
    }

    private static double RatePerSecond(Action operation)
    {
        var (count, elapsed) = RunFor(operation, Round);
        return count / elapsed.TotalSeconds;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    // Reads the clock every 64 operations so that reading it costs nothing measurable.
    private static (long Count, TimeSpan Elapsed) RunFor(Action operation, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        long count = 0;
        TimeSpan elapsed;
        do
        {
            for (var i = 0; i < 64; i++)
            {
                operation();
            }

            count += 64;
            elapsed = Stopwatch.GetElapsedTime(start);
        }
        while (elapsed < duration);

        return (count, elapsed);
    }
}

internal sealed record Comparison(double BaselineOpsPerSecond, double CandidateOpsPerSecond, double MedianOverhead);

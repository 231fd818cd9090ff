namespace Acgs.Ledger.Integrity.Merkle;

// RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) verification with SHA-256 (32-byte hashes).
// Two rules beyond the RFC's algorithms, shared with transparency-dev/merkle: a leaf hash must be
// 32 bytes, and a consistency proof from the empty tree is refused, since it proves nothing. Equal sizes
// (which the RFC's algorithm leaves out) are consistent with an empty proof and equal roots.
// Every failure is a ProofResult; nothing in a proof makes these methods throw.
public static class MerkleVerifier
{
    public static ProofResult VerifyInclusion(ReadOnlySpan<byte> leafHash, InclusionProof proof, ReadOnlySpan<byte> rootHash)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (!MerkleHash.TryCreate(leafHash, out var leaf) || !MerkleHash.TryCreate(rootHash, out var root) || proof.Hashes.IsDefault)
        {
            return ProofResult.Malformed;
        }

        // Step 1; a negative index or size cannot be expressed in the RFC's unsigned integers.
        if (proof.LeafIndex < 0 || proof.LeafIndex >= proof.TreeSize)
        {
            return ProofResult.OutOfRange;
        }

        var fn = proof.LeafIndex;
        var sn = proof.TreeSize - 1;
        var r = leaf;
        foreach (var p in proof.Hashes)
        {
            if (sn == 0)
            {
                return ProofResult.WrongLength;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleTreeHasher.HashChildren(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = MerkleTreeHasher.HashChildren(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0)
        {
            return ProofResult.WrongLength;
        }

        return r == root ? ProofResult.Valid : ProofResult.RootMismatch;
    }

    public static ProofResult VerifyConsistency(ConsistencyProof proof, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (proof.Hashes.IsDefault)
        {
            return ProofResult.Malformed;
        }

        var first = proof.FirstSize;
        var second = proof.SecondSize;
        if (first <= 0 || first > second)
        {
            return ProofResult.OutOfRange;
        }

        if (first == second)
        {
            // Nothing is hashed here, so the roots are only compared, whatever their length.
            if (proof.Hashes.Length != 0)
            {
                return ProofResult.WrongLength;
            }

            return ConstantTime.AreEqual(firstRoot, secondRoot) ? ProofResult.Valid : ProofResult.RootMismatch;
        }

        if (!MerkleHash.TryCreate(firstRoot, out var firstHash) || !MerkleHash.TryCreate(secondRoot, out var secondHash))
        {
            return ProofResult.Malformed;
        }

        // Step 1.
        if (proof.Hashes.Length == 0)
        {
            return ProofResult.WrongLength;
        }

        // Steps 2 and 5: when the old tree is a perfect subtree, its root is the path's implicit first element.
        var path = proof.Hashes.AsSpan();
        var start = firstHash;
        if ((first & (first - 1)) != 0)
        {
            start = path[0];
            path = path[1..];
        }

        var fr = start;
        var sr = start;

        // Steps 3 and 4.
        var fn = first - 1;
        var sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        // Step 6.
        foreach (var c in path)
        {
            if (sn == 0)
            {
                return ProofResult.WrongLength;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleTreeHasher.HashChildren(c, fr);
                sr = MerkleTreeHasher.HashChildren(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = MerkleTreeHasher.HashChildren(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // Step 7.
        if (sn != 0)
        {
            return ProofResult.WrongLength;
        }

        return fr == firstHash && sr == secondHash ? ProofResult.Valid : ProofResult.RootMismatch;
    }
}

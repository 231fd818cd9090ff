using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Acgs.Ledger.Integrity.HttpSignatures;

// One signature of a message (RFC 9421 §4): its label, the covered components with the signature
// parameters (the Signature-Input member), and the signature bytes (the Signature member).
public sealed record MessageSignature(string Label, InnerList Input, byte[] Signature)
{
    public IEnumerable<Parameter> Parameters => Input.Parameters;

    // RFC 9421 §2.5: one line per covered component, then the "@signature-params" line, joined with
    // LF and without a final one. Components that repeat, that the message lacks, or whose value is
    // not one line of printable ASCII make no base.
    public bool TryCreateBase(IMessageComponents message, [NotNullWhen(true)] out byte[]? signatureBase, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(message);
        signatureBase = null;
        var builder = new StringBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var component in Input.Items)
        {
            if (component.Value is not string name)
            {
                error = "a covered component is named by a string";
                return false;
            }
            var identifier = StructuredFields.Serialize(component);
            if (!seen.Add(identifier))
            {
                error = $"component {identifier} is covered twice";
                return false;
            }
            if (name == SignatureParamsComponent)
            {
                error = $"{SignatureParamsComponent} cannot be a covered component";
                return false;
            }
            if (component.Parameters.Count > 0)
            {
                error = $"component parameters are not supported ({identifier})";
                return false;
            }
            if (!message.TryGetValue(name, out var value))
            {
                error = $"the message has no component {identifier}";
                return false;
            }
            if (!value.All(character => character is '\t' or (>= ' ' and <= '~')))
            {
                error = $"the value of {identifier} is not one line of printable ASCII";
                return false;
            }
            builder.Append(identifier).Append(": ").Append(value).Append('\n');
        }
        builder.Append('"').Append(SignatureParamsComponent).Append("\": ").Append(StructuredFields.Serialize(Input));
        signatureBase = Encoding.ASCII.GetBytes(builder.ToString());
        error = null;
        return true;
    }

    public const string SignatureParamsComponent = "@signature-params";
}

// RFC 9421 §4.1 and §4.2: the Signature-Input and Signature fields, read together. Every label in one
// must be in the other; each input is an inner list and each signature a byte sequence.
public static class MessageSignatures
{
    public static bool TryParse(
        string signatureInput,
        string signature,
        [NotNullWhen(true)] out IReadOnlyList<MessageSignature>? signatures,
        [NotNullWhen(false)] out string? error)
    {
        signatures = null;
        if (!StructuredFields.TryParseDictionary(signatureInput, out var inputs, out error))
        {
            error = "Signature-Input: " + error;
            return false;
        }
        if (!StructuredFields.TryParseDictionary(signature, out var values, out error))
        {
            error = "Signature: " + error;
            return false;
        }
        if (inputs.Count != values.Count)
        {
            error = "Signature-Input and Signature name different signatures";
            return false;
        }
        var parsed = new List<MessageSignature>();
        foreach (var input in inputs)
        {
            if (input.Member is not InnerList list)
            {
                error = $"Signature-Input member {input.Key} is not an inner list";
                return false;
            }
            var value = values.FirstOrDefault(member => member.Key == input.Key);
            if (value?.Member is not Item { Value: byte[] bytes, Parameters.Count: 0 })
            {
                error = $"Signature has no byte sequence for {input.Key}";
                return false;
            }
            parsed.Add(new MessageSignature(input.Key, list, bytes));
        }
        signatures = parsed;
        error = null;
        return true;
    }
}

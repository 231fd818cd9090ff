namespace Acgs.Cli.Demo;

// What the demo ledger is about: principles an AI-governance council would adopt, an amendment it
// would turn down, and the Rego policies the synthesis service derives from the ratified ones.
internal static class DemoContent
{
    public const int PrinciplesWanted = 12;

    public static readonly (string Title, string Text)[] Principles =
    [
        ("Accountability", "Every automated decision names the policy, the model version and the actor responsible for it, so that responsibility can be traced and contested."),
        ("Explainability", "A decision that affects a person comes with an explanation a non-specialist can understand and act upon."),
        ("Fairness", "Policies are tested for disparate impact across protected groups before activation and monitored for it afterwards."),
        ("Privacy by design", "Personal data is collected only for a stated purpose, kept to the minimum that purpose needs, and deleted when it ends."),
        ("Contestability", "Anyone affected by an automated decision can appeal it to a human reviewer who has the authority to overturn it."),
        ("Robustness", "Systems are tested against adversarial and out-of-distribution inputs, and fail closed when a safeguard is unavailable."),
        ("Proportionality", "The scrutiny a policy receives grows with the severity and irreversibility of the harm it could cause."),
        ("Integrity of artefacts", "Keys, models and policies are protected against tampering: every change is signed, reviewed and recorded."),
        ("Incident reporting", "Serious incidents are reported to the Council within 72 hours, with their cause, their impact and the remedy."),
        ("Human dignity", "No system may manipulate, deceive or exploit the vulnerabilities of the people it serves."),
        ("Sustainability", "Compute-intensive training and inference are justified by their benefit, and their energy use is disclosed."),
        ("Periodic review", "Every active policy is reviewed at least once a year and lapses unless the Council renews it."),
    ];

    public static readonly (string Title, string Text) ModifiedPrinciple =
        ("Explainability", "A decision that affects a person comes with an explanation a non-specialist can understand and act upon, given in their language and within one working day of a request.");

    public static readonly (string Title, string Text) RejectedPrinciple =
        ("Emergency bypass", "In an emergency, an operator may activate a policy before it is verified, and report it to the Council afterwards.");

    public static readonly (string Title, string Text) WithdrawnPrinciple =
        ("Model registry", "Every model in production is listed in a public registry with its intended use, training data summary and known limits.");

    // A source with a flaw the verifier finds (it allows a decision that names no actor), its fix,
    // and the policies at the other stages.
    public const string DecisionLoggingFlawed = """
        package acgs.decision_logging

        import rego.v1

        default allow := false

        # A decision may take effect once it has been logged.
        allow if {
        	input.decision.logged
        }
        """;

    public const string DecisionLogging = """
        package acgs.decision_logging

        import rego.v1

        default allow := false

        # A decision may take effect once it has been logged with the actor and policy behind it.
        allow if {
        	input.decision.logged
        	input.decision.actor_id != ""
        	input.decision.policy_id != ""
        }
        """;

    public const string HumanReview = """
        package acgs.human_review

        import rego.v1

        default requires_review := false

        # High-impact decisions go to a human reviewer before they take effect.
        requires_review if {
        	input.decision.impact == "high"
        }
        """;

    public const string HumanReviewWithAppeal = """
        package acgs.human_review

        import rego.v1

        default requires_review := false

        # High-impact decisions go to a human reviewer before they take effect.
        requires_review if {
        	input.decision.impact == "high"
        }

        # So does every decision under appeal, whatever its impact.
        requires_review if {
        	input.decision.appealed
        }
        """;

    public const string DataRetention = """
        package acgs.data_retention

        import rego.v1

        default retain := false

        # Personal data is kept only while its stated purpose is active, and never beyond 365 days.
        retain if {
        	input.record.purpose_active
        	time.now_ns() - input.record.collected_ns < 365 * 24 * 60 * 60 * 1000000000
        }
        """;

    public const string DisparateImpact = """
        package acgs.disparate_impact

        import rego.v1

        default approve_release := false

        # A model is released only when each group's selection rate is at least four fifths of the highest.
        approve_release if {
        	highest := max([rate | some rate in input.selection_rates])
        	every rate in input.selection_rates {
        		rate * 5 >= highest * 4
        	}
        }
        """;

    public const string IncidentEscalation = """
        package acgs.incident_escalation

        import rego.v1

        default notify_council := false

        # Serious incidents reach the Council well inside the 72-hour reporting window.
        notify_council if {
        	input.incident.severity in {"high", "critical"}
        	input.incident.hours_since_detection <= 48
        }
        """;
}

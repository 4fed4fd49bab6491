"""The course phase-out: overview, flags, the referral ban, next steps, letters, forecast."""

"""Benefits realisation and delivery confidence: the benefits register, measurements,
the five-point delivery confidence rating and the Response to Red (issue 18)."""

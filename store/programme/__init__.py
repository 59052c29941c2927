"""Programme depth: risks, dependencies, milestones and the savings and headcount plan."""

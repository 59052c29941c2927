"""The demo's benefits, measurements, delivery confidence ratings and its Response to Red,
written in our own words from the seeds' figures.

Every §19 savings line is one cashable benefit whose planned figures are the line's, so
the cashable totals are the §19 totals by construction. The other kinds carry their own
targets: Lean's process savings of almost £14m (£6m banked in 2011/12), CONNECT taking
the force from 8 core policing systems to 1, and a few others. Measurements are dated on
or before the demo's reporting date (2011-03-31) for the 2011 programmes; the 2021 ones
are later and so count only when a later period is viewed.
"""

# The initiative that owns a line with no delivering initiative of its own.
LINE_OWNER_FALLBACK = {"Recruitment model modernisation": "TERMS"}

CASHABLE_NOTES = {
    "Training": (
        "The Training SIP's business case counts a net saving of about £10.0m in 2011/12 "
        "rising to £21.9m in 2012/13; the plan below is the §19 line, which the office keeps."
    ),
}

# code, name, kind, owner, measure, unit, baseline (value, date), target (value, date),
# profile, description
BENEFITS = [
    (
        "LEAN",
        "Process savings towards DoI targets",
        "non_cashable",
        "Margaret Oyelaran",
        "savings found by Lean process reviews, cumulative",
        "£m",
        ("0", "2011-04-01"),
        ("13.9", "2013-03-31"),
        "2012-03-31=6; 2013-03-31=13.9",
        "Reviews strip out work that adds nothing for the people DoI serves; the "
        "programme expects close to £14m in all, with £6m of it inside 2011/12.",
    ),
    (
        "TPD",
        "Officer hours returned to local policing",
        "non_cashable",
        "Dan Okoro",
        "officer hours a week moved from back office to patrol",
        "hours a week",
        ("0", "2010-10-01"),
        ("20000", "2012-03-31"),
        "2010-12-31=2000; 2011-03-31=6000; 2012-03-31=20000",
        "Smaller response teams and the new bureau free officer time for neighbourhoods.",
    ),
    (
        "TRAIN",
        "Officer days away for retraining",
        "dis_benefit",
        "Phil Carter",
        "officer days a month spent on courses for the new model",
        "days a month",
        ("0", "2010-10-01"),
        ("400", "2012-03-31"),
        "2011-03-31=900; 2012-03-31=400",
        "The new learning model needs a burst of retraining before it settles down.",
    ),
    (
        "CONNECT",
        "Fewer core policing systems",
        "non_financial",
        "AC Victoria Strand",
        "core policing systems in use",
        "systems",
        ("8", "2021-04-01"),
        ("1", "2024-03-31"),
        "2022-03-31=6; 2023-03-31=3; 2024-03-31=1",
        "One integrated system replaces eight, so an officer records a fact once.",
    ),
    (
        "RESMAN",
        "Duties planned in one place",
        "non_financial",
        "",
        "share of duties planned in the single tool",
        "%",
        ("10", "2021-04-01"),
        ("95", "2023-03-31"),
        "2022-03-31=50; 2023-03-31=95",
        "Rosters, abstractions and overtime are planned in one tool, not local sheets.",
    ),
    (
        "CMD-CTRL",
        "Calls handled in one contact system",
        "non_cashable",
        "",
        "share of contacts taken in the new system",
        "%",
        ("0", "2021-04-01"),
        ("100", "2023-12-31"),
        "2022-12-31=40; 2023-12-31=100",
        "Every channel into the control rooms lands in one place.",
    ),
]

# benefit name, date, value, note
MEASUREMENTS = [
    ("Officer hours returned to local policing", "2010-12-31", "1500", "Two pilot boroughs."),
    ("Officer hours returned to local policing", "2011-03-31", "4200", "Four boroughs live."),
    ("Officer days away for retraining", "2011-03-20", "950", "Spring courses overran."),
    ("Process savings towards DoI targets", "2011-03-25", "0.4", "Agency spend cut early."),
    ("Training", "2011-06-30", "-2.1", "First quarter of 2011/12."),
    ("Fewer core policing systems", "2021-09-30", "8", "No system retired yet."),
    ("Fewer core policing systems", "2022-03-31", "7", "Custody system switched off."),
    ("Duties planned in one place", "2022-03-31", "42", "Pilot areas only."),
]

# period, code, rating, author, rationale, assurance
CONFIDENCE = [
    ("2010-Q4", "TPD", "amber", "j.okafor", "Cases clear on time but HR lead times bite.", False),
    ("2010-Q4", "SCDR", "amber", "s.bhattacharya", "Design is sound; briefs lag.", False),
    ("2010-Q4", "TRAIN", "amber-green", "p.lindqvist", "Phase 1 close to complete.", False),
    ("2010-Q4", "LEAN", "amber-green", "s.bhattacharya", "Events booked to plan.", False),
    ("2010-Q4", "DRM", "amber", "m.hughes", "Supplier choice still open.", False),
    ("2011-Q1", "TPD", "amber", "j.okafor", "Selection is not yet resourced.", False),
    ("2011-Q1", "TPD", "amber-red", "m.hughes", "Review sees HR capacity as critical.", True),
    ("2011-Q1", "SCDR", "amber", "s.bhattacharya", "Plan not ready for approval yet.", False),
    ("2011-Q1", "TRAIN", "green", "p.lindqvist", "Phase 1 done; phase 2 funded.", False),
    ("2011-Q1", "LEAN", "amber-green", "s.bhattacharya", "In-year target is a stretch.", False),
    ("2011-Q1", "DRM", "amber", "m.hughes", "Exits recovering after a slow year.", False),
    (
        "2011-Q1",
        "DRM-S2P",
        "red",
        "m.hughes",
        "Without a supplier by the summer, the 2011/12 procurement saving cannot land.",
        False,
    ),
]

# The Response to Red the DRM-S2P rating opens, as the office then worked it.
RESPONSE = {
    "code": "DRM-S2P",
    "actions": "Take the supplier decision to Management Board in April; weekly checkpoint.",
    "review_on": "2011-05-31",
}

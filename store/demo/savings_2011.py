"""Seed 000's §19 table: the change programme savings in the 2011-14 business plan.

Every line and figure is the paper's. £m are written as text with one decimal so the
exact tenths are stored; a headcount of None is a blank cell in the paper (not zero).

The paper prints the Total Service Improvement row and the Remaining Budget Gap row.
The total is always computed from the lines, never stored. The gap is stored as the
budget requirement each year (the saving the budget needs from the change programmes)
so that requirement + total = gap: 85.7 − 85.7 = 0.0, 246.3 − 153.5 = 92.8 and
358.2 − 183.9 = 174.3.
"""

YEARS = ("2011/12", "2012/13", "2013/14")

# The saving each year's budget needs, in £m: the paper's total less its gap.
BUDGET_REQUIREMENT = {"2011/12": "85.7", "2012/13": "246.3", "2013/14": "358.2"}

# (name, business group, linked initiative codes, £m by year, police officers by year,
#  police staff by year, PCSOs by year). None is a blank cell.
LINES = [
    (
        "Recruitment model modernisation",
        "HR",
        (),
        ("-8.2", "-10.6", "-10.6"),
        (-308, -265, -265),
        (None, None, None),
        (None, None, None),
    ),
    (
        "Rationalisation of property estate",
        "DoR",
        ("DRM-CRE",),
        ("-8.5", "-17.8", "-23.8"),
        (None, None, None),
        (None, None, None),
        (None, None, None),
    ),
    (
        "Property Services modernisation and contract",
        "DoR",
        ("DRM-DPS",),
        ("-9.5", "-9.5", "-11.5"),
        (None, None, None),
        (None, None, None),
        (None, None, None),
    ),
    (
        "Catering",
        "HR",
        ("CATERING",),
        ("-5.2", "-7.3", "-11.1"),
        (None, None, None),
        (-100, -140, -140),
        (None, None, None),
    ),
    (
        "Training",
        "HR",
        ("TRAIN",),
        ("-9.4", "-21.3", "-21.3"),
        (-91, -211, -211),
        (-100, -219, -219),
        (None, None, None),
    ),
    (
        "Transport",
        "HR",
        ("TRANSPORT",),
        ("-5.0", "-5.0", "-5.0"),
        (None, None, None),
        (None, None, None),
        (None, None, None),
    ),
    (
        "ICT efficiencies and contract",
        "DoI",
        ("ITCOST",),
        ("-13.1", "-23.9", "-29.1"),
        (None, None, None),
        (-93, -163, -203),
        (None, None, None),
    ),
    (
        "F & R modernisation and contract",
        "DoR",
        ("DRM-FRM2",),
        ("-0.9", "-1.3", "-1.4"),
        (None, None, None),
        (-12, -24, -25),
        (None, None, None),
    ),
    (
        "Other strategic procurement",
        "DoR",
        ("DRM-PROC",),
        ("0.3", "-13.7", "-14.3"),
        (None, None, None),
        (None, None, None),
        (None, None, None),
    ),
    (
        "Asset tracking",
        "DoR",
        ("DRM-AT",),
        ("0.0", "0.0", "-1.0"),
        (None, None, None),
        (None, None, None),
        (None, None, None),
    ),
    (
        "Territorial Policing development",
        "TP",
        ("TPD",),
        ("-26.2", "-43.1", "-54.8"),
        (-384, -533, -643),
        (-358, -408, -438),
        (-100, -200, -200),
    ),
]

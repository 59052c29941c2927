"""The stocktake's 32 recommendations for the demo tracker, in our own words.

Seed 003 (paragraphs 3.9–3.12) says there were 32 recommendations under five
headings, all accepted, and that implementation is nearly three quarters complete;
its Table 1 lists what they were expected to deliver. The wording, owners and
progress here are invented to fit that picture. Rows are (number, heading, text,
owner, status, % complete).
"""

from __future__ import annotations

LEAD, STRUCT, PORT, CAP, CULT = (
    "Leadership",
    "Structures",
    "Portfolio & Beyond",
    "Capabilities",
    "Behaviour & Cultures",
)
DONE, DOING, NOT_STARTED = "complete", "in_progress", "not_started"

STRATEGY = "Director of Strategy & Governance"
CORPORATE = "Chief of Corporate Services"
PEOPLE = "Director of People"
PORTFOLIO = "Head of Portfolio Office"
TRANSFORMATION = "Director of Transformation"
DIGITAL = "Chief Digital Officer"
CPIC = "Commander, Continuous Policing Improvement"
COMMS = "Director of Communications"
DESIGN = "Head of Business Design Authority"
FINANCE = "Director of Finance"

RECOMMENDATIONS: list[tuple[int, str, str, str, str, int]] = [
    (1, LEAD, "Agree at Management Board a long-range picture of the organisation the force means to be by the end of the decade.", STRATEGY, DONE, 100),
    (2, LEAD, "Give each SRO a personal letter stating what they answer for and the authority that goes with it.", CORPORATE, DONE, 100),
    (3, LEAD, "Cut the number of SROs so that each leads a coherent body of change and has the time to do it well.", CORPORATE, DONE, 100),
    (4, LEAD, "Explain how senior roles share decisions when a change crosses several reporting lines.", PEOPLE, DOING, 80),
    (5, LEAD, "Define the role of project executives who run mandated projects outside the formal programmes.", PORTFOLIO, DOING, 80),
    (6, LEAD, "Ask senior leaders to talk about change and why it matters, in the same terms, at every level of the force.", CORPORATE, DOING, 60),
    (7, LEAD, "Run a second intake of the transformation leadership programme for senior officers and staff.", PEOPLE, DOING, 25),
    (8, STRUCT, "Keep one central change function and one portfolio, with a more flexible offer of help to the business.", TRANSFORMATION, DONE, 100),
    (9, STRUCT, "Rewrite the front door's terms of reference so it considers change proposed anywhere in the force.", PORTFOLIO, DONE, 100),
    (10, STRUCT, "Give heads of profession a formal say at the front door and at the design authority.", DESIGN, DOING, 70),
    (11, STRUCT, "Have the design authority own a target operating model for the middle of the decade.", DESIGN, DONE, 100),
    (12, STRUCT, "Tie the start of new change to the yearly business plan so capacity and money are planned together.", FINANCE, DOING, 75),
    (13, STRUCT, "Agree how central teams and business groups' own change teams divide the work between them.", TRANSFORMATION, DOING, 50),
    (14, PORT, "Use a four-tier model of change, explained in a short playbook anyone can pick up.", PORTFOLIO, DONE, 100),
    (15, PORT, "Take stock of all the change under way across the force, not only the formal portfolio.", PORTFOLIO, DONE, 100),
    (16, PORT, "Judge each new proposal on whether it is desirable, deliverable and affordable, using the tiers and complexity.", PORTFOLIO, DONE, 100),
    (17, PORT, "Show the Management Board the biggest mandated projects of each business area next to the transformation programmes.", STRATEGY, DONE, 100),
    (18, PORT, "Record the force's part in national transformation programmes alongside its own portfolio.", STRATEGY, DOING, 65),
    (19, PORT, "Expect every piece of change to measure its benefits and report them.", FINANCE, DOING, 55),
    (20, PORT, "Point scarce specialist change staff at the work that needs them most, using the stocktake of change.", TRANSFORMATION, DOING, 30),
    (21, PORT, "Report on the whole portfolio, balanced across the tiers, at least twice a year.", PORTFOLIO, NOT_STARTED, 0),
    (22, CAP, "Renew the continuous improvement command's offer to the business and settle its operating model.", CPIC, DONE, 100),
    (23, CAP, "Link the force's innovation teams into a network that shares what works and knows how to scale it.", CPIC, DONE, 100),
    (24, CAP, "Set up a small fund that lets frontline ideas go ahead with light-touch governance.", CPIC, DONE, 100),
    (25, CAP, "Offer courses in managing change and in drawing insight from data.", PEOPLE, DOING, 70),
    (26, CAP, "Build the skill to measure what change does for the business, not only whether milestones are met.", TRANSFORMATION, DOING, 20),
    (27, CAP, "Use agile ways of delivering where the work suits them.", DIGITAL, DOING, 50),
    (28, CULT, "Write change papers in plain English and leave out jargon.", COMMS, DONE, 100),
    (29, CULT, "Agree how strategy and transformation plans will be communicated over the coming year.", COMMS, DONE, 100),
    (30, CULT, "Celebrate the full range of change, small local improvements as well as large programmes.", COMMS, DOING, 60),
    (31, CULT, "Encourage teams from different business groups to design change together with those it affects.", TRANSFORMATION, DOING, 25),
    (32, CULT, "Treat a stopped experiment as useful learning and share what it found.", CPIC, DOING, 15),
]  # fmt: skip

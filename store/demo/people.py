"""Invented people for the demo: owners of each initiative and the portfolio office staff.

None of these are real: the names are made up, with ranks and titles of the kind a
police force uses. `OWNERS` maps an initiative code to (SRO, programme manager).
Every programme has both; a project or workstream may have only a manager, and a
child without its own SRO answers to its parent's.
"""

# Portfolio office staff who record the RAG assessments (login names).
AUTHORS = ("j.okafor", "p.lindqvist", "s.bhattacharya", "m.hughes")

OWNERS = {
    # DoI
    "THIN": ("Alan Redfern, Director of Technology", "Priya Mistry"),
    "ITCOST": ("Alan Redfern, Director of Technology", "Tom Fairbairn"),
    "SHAREDIT": ("Alan Redfern, Director of Technology", "Kerry Lomax"),
    "PRINT": ("", "Dev Chauhan"),
    "LEAN": ("Margaret Oyelaran, Director of Information", "Stuart Kettle"),
    # DoR
    "DRM": ("Catherine Ashdown, Director of Resources", "Neil Birtwistle"),
    "DRM-CRE": ("Paul Everard, Director of Property Services", "Joanne Sadler"),
    "DRM-FRM2": ("", "Imran Qureshi"),
    "DRM-DPS": ("Paul Everard, Director of Property Services", "Lorna McBride"),
    "DRM-PROC": ("", "Gavin Threlfall"),
    "DRM-SAP": ("", "Anita Kowalczyk"),
    "DRM-S2P": ("", "Richard Penhaligon"),
    "DRM-AT": ("", "Sian Pritchard"),
    "DRM-PINS": ("", "Oliver Grant"),
    "DRM-BMK": ("", "Bethan Lloyd"),
    "3G-FLEET": ("", "Colin Rudd"),
    "SHAREDSVC": ("Catherine Ashdown, Director of Resources", "Yvonne Ellery"),
    "OPL": ("Cdr Duncan Frew", "Amira Haddad"),
    # HR
    "THR": ("Julia Westbrook, Director of HR", "Craig Dunmore"),
    "LANG": ("Cdr Ruth Adeyemi", "Marek Nowak"),
    "TRANSPORT": ("Martin Gale, Director of Logistical Services", "Kevin Sheldrake"),
    "CATERING": ("Martin Gale, Director of Logistical Services", "Denise Fowler"),
    "TRAIN": ("DAC Simon Harrow", "Alison Crane"),
    "HR-SHIFT": ("", "Nadia Rahman"),
    "EXPENSES": ("", "Phil Oakes"),
    "UNIFORM": ("", "Tracey Bolton"),
    "TERMS": ("Julia Westbrook, Director of HR", "Graham Tully"),
    # SCD
    "SCDR": ("AC Jonathan Pryor", "Ch Supt Lesley Hammond"),
    "SCDR-SCI": ("Cdr Philip Danes", "DCI Ben Asante"),
    "SCDR-OC": ("Cdr Karen Whitby", "DCI Owen Rees"),
    "SCDR-SRM": ("", "DCI Claire Moss"),
    "SCDR-ICP": ("Cdr Anthony Leigh", "DCI Femi Adebayo"),
    "SCDR-INT": ("", "DI Rebecca Hale"),
    "SCDR-OPS": ("", "Supt Gordon Blake"),
    "SCDR-CJ": ("", "Helen Strachan"),
    "SCDR-PERF": ("", "Matthew Quinn"),
    "SCDR-WFD": ("", "Zoe Hartley"),
    "SCDR-BS": ("", "Eileen Carr"),
    "SCDR-INV": ("", "DCI Rhys Morgan"),
    "SCDR-FOR": ("", "Dr Laura Finch"),
    # TP
    "TPD": ("AC Robert Hallam", "Andrew Sefton"),
    "TPD-HQ": ("", "Supt Nicola Baird"),
    "TPD-CRIB": ("Cdr Mark Ellison", "DCI Sunita Patel"),
    "TPD-INTEL": ("", "DCI Alastair Brodie"),
    "TPD-CCC": ("Cdr Lydia Rendell", "Supt Keith Armitage"),
    "TPD-RESP": ("", "Supt Daniel Okoro"),
    "TPD-SNT": ("", "Ch Supt Wendy Marsh"),
    "TPD-PA": ("", "Supt Hugh Cartwright"),
    "TPD-PERF": ("", "Gemma Salisbury"),
    "TPD-DET": ("", "Ch Supt Paul Kimber"),
    "TPD-WOM": ("", "DI Lee Summers"),
    "TPD-INV": ("", "DCI Joanna Kerr"),
    "TPD-JPS": ("", "Supt Adrian Boateng"),
    "TPD-MASH": ("", "DI Catriona Walsh"),
    "MSC": ("DAC Susan Thorne", "Colin Ashby"),
    "VCOURTS": ("Cdr Mark Ellison", "Ruth Gallagher"),
    # CO
    "COIP": ("DAC Edward Hollis", "Supt Jasmine Clarke"),
    "CO-DB": ("", "Ch Insp Barry Doyle"),
    "CO-SSR": ("", "Angela Price"),
    "CO-AM": ("", "Ian Mercer"),
    "CO-MPSTC": ("", "Supt Kate Linford"),
    "CO-PAY": ("", "Neville Shaw"),
    "CO-FAC": ("", "Ch Insp Grant Hollins"),
    "CO-SHIFT": ("", "Insp Deepa Sharma"),
    "CO-ALW": ("", "Roger Tait"),
    # Corporate
    "CIR": ("Cdr Nicholas Varley", "Elaine Burrows"),
    "CPR": ("Jane Okonkwo, Director of Strategy & Improvement", "Luke Penrose"),
    # 2021 examples (seed 003)
    "CONNECT": ("AC Victoria Strand", "Hamid Farouk"),
    "CMD-CTRL": ("DAC Richard Noone", "Sally Brennan"),
    "ONCALL": ("", "Tariq Mahmood"),
    "RESMAN": ("Cdr Louise Hargreaves", "Mike Donnelly"),
    "PIB": ("Cdr Christopher Vale", "Aisha Begum"),
    "DES": ("Det Ch Supt Graham Osei", "Natalie Ford"),
    "FR": ("Cdr Alexandra Moore", "Peter Hollings"),
    "NLP-POC": ("", "Dr Emma Lowther"),
    "LONGARM": ("", "Jack Whitmore"),
    "MT-PILOT": ("", "DI Sofia Marin"),
    "SCHOOLS": ("", "Sgt Jade Thompson"),
    "SOP-UPD": ("", "Insp Harriet Cole"),
    "CPIC-PEU": ("Cdr Marcus Webb", "Ch Insp Lisa Yeung"),
    "CLT": ("Cdr Amanda Pearce", "Kwame Mensah"),
    "TRAVEL": ("", "Joanne Reid"),
    "NUMS": ("", "Craig Fenwick"),
    "LFL": ("Clare Devlin, Director of People", "Robert Anand"),
    "EASYLIFT": ("", "Dr Simon Keeling"),
    "FPN-APP": ("", "Ella Marshall"),
}

"""Standards, training modules, reporting routes and the scheme's staff accounts, each made
through the service an admin would use, and only when it is not there yet."""

from scheme.demo.context import DEMO_PASSWORD, DemoContext
from scheme.domain import areas, reporting_routes, settings, standards
from scheme.domain.accounts import two_factor, users
from scheme.domain.training import modules
from scheme.enums import JobRole, PremisesType, Role, RouteKind

ALL = []

# The scheme's areas (wards) and the postcode districts that suggest each. One district often
# spans several wards: CM7 is given to Braintree Town, and Bocking's premises choose Bocking.
AREAS = [
    ("Braintree Town", ["CM7"]),
    ("Galley's Corner", ["CM77"]),
    ("Bocking", []),
    ("Great Notley", []),
]
T = PremisesType

STANDARDS = [
    ("S1", "A named safeguarding lead", "Name one senior person who staff go to with a concern, and who makes sure reports are made.", "The lead's name on the staff notice board; staff can say who it is.", True, ALL),
    ("S2", "Staff are trained to spot the signs of child exploitation", "Every member of staff who deals with the public completes the scheme's briefing or an approved equivalent, and refreshes it when it expires.", "Training records for every member of staff.", True, ALL),
    ("S3", "Staff know how to report a concern", "Staff know to call 999 if a child is in immediate danger, and otherwise to report to the police on 101, Crimestoppers or the scheme's other routes.", "The reporting poster is displayed where staff can see it; staff can explain what they would do.", True, ALL),
    ("S4", "Concerns are written down in an incident log", "Record what was seen, when, who was told, and the police reference number.", "An incident log, paper or electronic, kept securely.", True, ALL),
    ("S5", "CCTV is working and images are kept", "Where CCTV is fitted, it covers entrances and public areas, and images are kept for at least 31 days and shared with police on request.", "A CCTV check during the visit.", False, ALL),
    ("S6", "The scheme's poster and certificate are displayed", "Display the window certificate where customers can see it, and the staff poster behind the counter.", "Certificate and poster on display.", True, ALL),
    ("S7", "Every guest is registered with identification", "Record the name and address of every guest; ask for identification, and be alert to adults booking rooms with young people, paying cash by the hour, or refusing housekeeping.", "The guest register and booking policy.", True, [T.HOTEL.value]),
    ("S8", "Drivers know the signs and log late-night journeys with young people", "Drivers report young people travelling alone late at night, to or from hotels, or with adults who are not their parents.", "Driver briefing records and journey logs.", True, [T.TAXI.value]),
    ("S9", "Challenge 25 on age-restricted sales", "Ask anyone who looks under 25 for identification before selling alcohol, tobacco or vapes, and refuse proxy sales.", "Challenge 25 signage and refusals log.", True, [T.PUB.value, T.SHOP.value, T.TAKEAWAY.value]),
    ("S10", "Staff look out for young people who may be being moved or hiding", "Station staff know the signs from Operation Henderson and report to British Transport Police on 0800 405040 or by text to 61016.", "Briefing records; staff can describe the reporting route.", True, [T.TRANSPORT.value]),
]

MODULES = [
    ("Spot It Stop It briefing", "The scheme's community safety team", "A one-hour face-to-face briefing on the signs of child sexual and criminal exploitation, and how to report.", "", 24, [r.value for r in JobRole], False),
    ("CSE awareness online course", "NWG Network", "Online course on recognising child sexual exploitation for businesses and the night-time economy.", "", 12, [JobRole.MANAGER.value, JobRole.NIGHT_MANAGER.value, JobRole.RECEPTION.value], True),
    ("SET CSE Toolbox training", "Southend, Essex and Thurrock safeguarding partnership", "Free online training on the CSE Toolbox and risk assessment, for safeguarding leads.", "", 36, [JobRole.MANAGER.value], True),
]

ROUTES = [
    ("Emergency: police", RouteKind.PHONE, "999", "Ask for the police. Say where you are and what you can see.", True, []),
    ("British Transport Police", RouteKind.PHONE, "0800 405040", "Say you are reporting a concern about a young person under Operation Henderson, and where and when you saw them.", False, [T.TRANSPORT.value, T.TAXI.value]),
    ("British Transport Police by text", RouteKind.TEXT, "61016", "Text where you are, what you saw and when. Mention Operation Henderson.", False, [T.TRANSPORT.value, T.TAXI.value]),
    ("Essex Police (non-emergency)", RouteKind.PHONE, "101", "Say you want to report a concern about child exploitation at this premises, and quote Spot It Stop It.", False, []),
    ("Crimestoppers (anonymous)", RouteKind.PHONE, "0800 555 111", "You do not have to give your name. Describe what you saw, where and when.", False, []),
    ("The Children's Society CARE service", RouteKind.PHONE, "01245 493311", "Advice and support about children at risk of exploitation.", False, []),
]

# Who runs the demo scheme: named in every email, the privacy notice and the accessibility
# statement. Example addresses only.
CONTACT = {
    "council_name": "Braintree District Council",
    "contact_email": "spotitstopit@braintree.example",
    "contact_phone": "01376 552525",
    "postal_address": "Community Safety Team\nCauseway House, Bocking End\nBraintree CM7 9HB",
}

STAFF_USERS = [
    ("admin@example.com", "Lucy Wilson", Role.ADMIN),
    ("officer@example.com", "Sam Patel", Role.OFFICER),
    ("officer2@example.com", "Chris Morgan", Role.OFFICER),
]


def _staff_user(email: str, name: str, role: Role, created_by):
    existing = users.find_user_by_email(email)
    if existing is not None:
        return existing
    # The first admin is made as `flask create-user` makes one: by nobody in the scheme.
    return users.create_user(email=email, name=name, password=DEMO_PASSWORD, role=role, actor=created_by)


def load(demo: DemoContext) -> list[str]:
    admin_email, admin_name, _ = STAFF_USERS[0]
    demo.admin = _staff_user(admin_email, admin_name, Role.ADMIN, None)
    demo.officer, demo.second_officer = (_staff_user(email, name, role, demo.admin)
                                         for email, name, role in STAFF_USERS[1:])

    if not settings.load().council_name:
        settings.update(demo.admin, CONTACT)

    if not standards.versions():
        draft = standards.start_draft(demo.admin)
        for code, title, guidance, evidence, mandatory, types in STANDARDS:
            standards.save_standard(demo.admin, draft.id, None, code=code, title=title, guidance=guidance,
                                    evidence_expected=evidence, mandatory=mandatory, premises_types=types)
        standards.publish(demo.admin, draft.id, "The scheme's first standards.")

    known_modules = {module.title for module in modules.all_modules()}
    for title, provider, description, url, months, roles, equivalent in MODULES:
        if title not in known_modules:
            modules.add_module(demo.admin, modules.ModuleDetails(
                title=title, provider=provider, description=description, url=url, validity_months=months,
                required_roles=roles, equivalent_allowed=equivalent))

    if not reporting_routes.all_routes():
        for label, kind, value, say, emergency, types in ROUTES:
            reporting_routes.add_route(actor=demo.admin, label=label, kind=kind, value=value, what_to_say=say,
                                       premises_types=types, emergency=emergency, active=True)

    if not areas.all_areas():
        for name, districts in AREAS:
            areas.add_area(actor=demo.admin, name=name, districts=districts)
        # The second officer looks after Galley's Corner: its news goes to them; the other
        # areas have nobody assigned, so every officer hears of them.
        areas.assign_officer(demo.second_officer.id, actor=demo.admin, area_ids=[areas.id_named("Galley's Corner")])
        retired = areas.add_area(actor=demo.admin, name="Braintree North", districts=[])
        areas.set_active(retired.id, actor=demo.admin, active=False)

    lines = ["Sign in at /sign-in with any of these (password for all: " + DEMO_PASSWORD + "):"]
    staff = (demo.admin, demo.officer, demo.second_officer)
    lines += [f"  {user.role.value:<9} {user.email:<22} two-factor key: {two_factor.secret_in_groups(key)}"
              for user, key in ((user, two_factor.set_up_for_demo(user)) for user in staff)]
    lines.append("  (staff sign in with a code too: add the key to any authenticator app, as a time-based key)")
    return lines

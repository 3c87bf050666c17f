"""
Demo content of the home plugin: the home page in both languages, the "About" section with the
community pages, and drafts of the accessibility statement and privacy notice.

The Lithuanian text is the client's own page as published; the English text is its translation.
"""

from portal.demo import bullet_list, heading, paragraph, stream

from .models import ContentPage, HomePage

INTRO_LT = (
    "Šiuo metu planuojamas pasirengimas bendruomenės miesto plėtros strategijos "
    "įgyvendinimui. Esame atviri miesto gyventojų idėjoms, sumanymams, nuomonei. "
    "Pasidalinkite savo mintimis. Kokį miestą norite matyti jūs?"
)
INTRO_EN = (
    "Preparations to implement the community-led city development strategy are now being "
    "planned. We are open to residents' ideas, plans and opinions. Share your thoughts. What "
    "city do you want to see?"
)
COMMUNITY_LT = (
    "Miesto vietos veiklos grupė siekia stiprinti ir aktyvinti miesto bendruomenę, "
    "skatindama dialogą tarp skirtingų gyventojų grupių. Miestų vietos veiklos grupės kuria "
    "gyventojų vietos plėtros strategijas ir administruoja jų įgyvendinimą. Miestas tai mes – "
    "čia gyvenantys ir čia kuriantys, o jo kūrimas visų mūsų rankose."
)
COMMUNITY_EN = (
    "The city Local Action Group works to strengthen and activate the city community by "
    "encouraging dialogue between different groups of residents. City LAGs write the "
    "residents' local development strategies and administer their implementation. The city "
    "is us, the people who live and create here, and building it is in all our hands."
)


def load_home_content(loader):
    home = loader.root_page(
        HomePage,
        slug="pradzia",
        en_slug="home",
        lt={
            "title": "Pradžia",
            "hero_kicker": "Ateitį kuriame dabar",
            "hero_title": "Kokio miesto norite Jūs?",
            "hero_lead": INTRO_LT,
            "hero_cta_label": "Pasidalinkite savo mintimis",
            "search_description": "Druskininkų miesto vietos veiklos grupė: bendruomenės "
            "inicijuota vietos plėtra, kvietimai ir gyventojų iniciatyvos.",
            "body": stream(
                heading("Kuriame miesto bendruomenės strategiją"),
                paragraph(f"<p>{INTRO_LT}</p>"),
            ),
        },
        en={
            "title": "Home",
            "hero_kicker": "We are building the future now",
            "hero_title": "What kind of city do you want?",
            "hero_lead": INTRO_EN,
            "hero_cta_label": "Share your thoughts",
            "search_description": "Druskininkai city Local Action Group: community-led local "
            "development, funding calls and residents' initiatives.",
            "body": stream(
                heading("We are creating the city community's strategy"),
                paragraph(f"<p>{INTRO_EN}</p>"),
            ),
        },
    )
    loader.set_home(home)

    about = loader.page(
        home,
        ContentPage,
        slug="apie",
        en_slug="about",
        lt={
            "title": "Apie VVG",
            "show_in_menus": True,
            "intro": "Druskininkų miesto vietos veiklos grupė (VVG) – miesto bendruomenės "
            "organizacija, kuri rengia ir įgyvendina bendruomenės inicijuotos vietos plėtros "
            "strategiją.",
            "body": stream(paragraph(f"<p>{COMMUNITY_LT}</p>")),
        },
        en={
            "title": "About the LAG",
            "intro": "The Druskininkai city Local Action Group (LAG) is the city community's "
            "organisation that prepares and carries out the community-led local development "
            "strategy.",
            "body": stream(paragraph(f"<p>{COMMUNITY_EN}</p>")),
        },
    )
    loader.page(
        about,
        ContentPage,
        slug="miesto-bendruomene",
        en_slug="city-community",
        lt={
            "title": "Miesto bendruomenė — kas tai?",
            "intro": "Miesto vietos veiklos grupė siekia stiprinti ir aktyvinti miesto "
            "bendruomenę, skatindama dialogą tarp skirtingų gyventojų grupių.",
            "body": stream(paragraph(f"<p>{COMMUNITY_LT}</p>")),
        },
        en={
            "title": "The city community — what is it?",
            "intro": "The city Local Action Group works to strengthen and activate the city "
            "community by encouraging dialogue between different groups of residents.",
            "body": stream(paragraph(f"<p>{COMMUNITY_EN}</p>")),
        },
    )
    loader.page(
        about,
        ContentPage,
        slug="musu-siekis",
        en_slug="our-aim",
        lt={
            "title": "Mūsų siekis",
            "intro": "Didinti visuomenės įsitraukimą į vietos problemų sprendimą.",
            "body": stream(
                paragraph("<p>Didinti visuomenės įsitraukimą į vietos problemų sprendimą.</p>")
            ),
        },
        en={
            "title": "Our aim",
            "intro": "To increase public involvement in solving local problems.",
            "body": stream(
                paragraph("<p>To increase public involvement in solving local problems.</p>")
            ),
        },
    )

    accessibility = loader.page(
        home,
        ContentPage,
        slug="prieinamumo-deklaracija",
        en_slug="accessibility-statement",
        lt=ACCESSIBILITY_LT,
        en=ACCESSIBILITY_EN,
    )
    privacy = loader.page(
        home,
        ContentPage,
        slug="privatumo-pranesimas",
        en_slug="privacy-notice",
        lt=PRIVACY_LT,
        en=PRIVACY_EN,
    )

    from portal.models import SiteSettings

    site_settings = SiteSettings.for_site(home.get_site())
    changed = False
    if site_settings.accessibility_page_id is None:
        site_settings.accessibility_page = accessibility
        changed = True
    if site_settings.privacy_page_id is None:
        site_settings.privacy_page = privacy
        changed = True
    if not site_settings.address:
        site_settings.address = "Druskininkai, Lietuva"
        changed = True
    if changed:
        site_settings.save()


ACCESSIBILITY_LT = {
    "title": "Prieinamumo deklaracija",
    "intro": "Druskininkų miesto VVG siekia, kad ši svetainė būtų prieinama visiems, pagal "
    "Europos Sąjungos interneto svetainių prieinamumo direktyvą (ES) 2016/2102 ir standartą "
    "EN 301 549 (WCAG 2.1 AA lygis).",
    "body": stream(
        heading("Atitikties būsena"),
        paragraph(
            "<p>Svetainė iš dalies atitinka WCAG 2.1 AA reikalavimus: žemiau išvardytos "
            "žinomos išimtys.</p>"
        ),
        heading("Neprieinamas turinys"),
        bullet_list(
            [
                "Kai kurie anksčiau parengti PDF dokumentai (pvz., kvietimų priedai) gali būti "
                "neprieinami ekrano skaitytuvams. Paprašius pateiksime juos kitu formatu.",
                "Įterptas kitų paslaugų teikėjų turinys (vaizdo įrašai, žemėlapiai) gali "
                "neatitikti visų reikalavimų.",
            ]
        ),
        heading("Atsiliepimai ir kontaktai"),
        paragraph(
            "<p>Jei pastebėjote prieinamumo trūkumų arba jums reikia informacijos kitu "
            "formatu, parašykite mums el. paštu, nurodytu puslapio apačioje. Atsakysime per "
            "10 darbo dienų.</p>"
        ),
        heading("Įgyvendinimo užtikrinimo procedūra"),
        paragraph(
            "<p>Jei mūsų atsakymas jūsų netenkina, galite kreiptis į už interneto svetainių "
            "prieinamumo priežiūrą Lietuvoje atsakingą instituciją.</p>"
        ),
        heading("Deklaracijos parengimas"),
        paragraph("<p>Deklaracija parengta įsivertinimo būdu ir peržiūrima kasmet.</p>"),
    ),
}
ACCESSIBILITY_EN = {
    "title": "Accessibility statement",
    "intro": "The Druskininkai city LAG is committed to making this website accessible to "
    "everyone, in line with the EU Web Accessibility Directive (EU) 2016/2102 and the "
    "standard EN 301 549 (WCAG 2.1 level AA).",
    "body": stream(
        heading("Compliance status"),
        paragraph(
            "<p>This website is partially compliant with WCAG 2.1 AA: the known exceptions "
            "are listed below.</p>"
        ),
        heading("Non-accessible content"),
        bullet_list(
            [
                "Some older PDF documents (for example annexes to calls) may not be "
                "accessible to screen readers. We will provide them in another format on "
                "request.",
                "Content embedded from other services (videos, maps) may not meet every "
                "requirement.",
            ]
        ),
        heading("Feedback and contact"),
        paragraph(
            "<p>If you notice an accessibility problem or need information in another "
            "format, write to us at the e-mail address at the bottom of the page. We will "
            "reply within 10 working days.</p>"
        ),
        heading("Enforcement procedure"),
        paragraph(
            "<p>If our answer does not satisfy you, you can turn to the authority that "
            "monitors website accessibility in Lithuania.</p>"
        ),
        heading("Preparation of this statement"),
        paragraph(
            "<p>This statement was prepared by self-assessment and is reviewed every year.</p>"
        ),
    ),
}
PRIVACY_LT = {
    "title": "Privatumo pranešimas",
    "intro": "Kokius duomenis apie jus saugome, kodėl ir kiek laiko.",
    "body": stream(
        heading("Duomenų valdytojas"),
        paragraph("<p>Druskininkų miesto vietos veiklos grupė (VVG).</p>"),
        heading("Ką saugome ir kodėl"),
        bullet_list(
            [
                "Jūsų pateiktas idėjas ir nuomones – kad galėtume į jas atsižvelgti rengdami "
                "ir įgyvendindami vietos plėtros strategiją.",
                "Vardą ir el. pašto adresą, jei juos nurodėte – kad galėtume su jumis "
                "susisiekti dėl jūsų idėjos. Jų pateikti neprivaloma. Vardą prie paskelbtos "
                "idėjos rodome viešai tik tada, kai tai pasirenkate; el. pašto adreso "
                "viešai nerodome niekada.",
                "Prie idėjos pridėtą nuotrauką ar PDF dokumentą – kad moderatoriai matytų, ką "
                "norite parodyti. Nuotraukas saugome be vietos ir fotoaparato duomenų; priedai "
                "viešai nerodomi.",
                "Apklausų ir registracijos formų atsakymus – tik tai apklausai ar renginiui.",
                "Jūsų sutikimo tekstą ir laiką – kad galėtume įrodyti, jog sutikimą davėte.",
                "IP adreso nesaugome; piktnaudžiavimui riboti naudojame tik jo negrįžtamą "
                "santrauką.",
            ]
        ),
        heading("Teisinis pagrindas ir saugojimo terminas"),
        paragraph(
            "<p>Duomenis tvarkome jūsų sutikimu (BDAR 6 straipsnio 1 dalies a punktas). "
            "Vardą, el. pašto adresą ir priedus ištriname praėjus 24 mėnesiams nuo "
            "pateikimo; pačią idėją saugome nuasmenintą.</p>"
        ),
        heading("Jūsų teisės"),
        paragraph(
            "<p>Galite bet kada atšaukti sutikimą, prašyti susipažinti su savo duomenimis, "
            "juos ištaisyti ar ištrinti, parašę mums el. paštu. Skundą galite pateikti "
            "Valstybinei duomenų apsaugos inspekcijai.</p>"
        ),
    ),
}
PRIVACY_EN = {
    "title": "Privacy notice",
    "intro": "What data about you we keep, why, and for how long.",
    "body": stream(
        heading("Controller"),
        paragraph("<p>The Druskininkai city Local Action Group (LAG).</p>"),
        heading("What we keep and why"),
        bullet_list(
            [
                "The ideas and opinions you submit, so that we can take them into account "
                "when preparing and carrying out the local development strategy.",
                "Your name and e-mail address, if you give them, so that we can contact you "
                "about your idea. Giving them is optional. Your name is shown publicly with a "
                "published idea only if you choose so; your e-mail address never is.",
                "A photo or PDF document you attach to your idea, so that the moderators see "
                "what you want to show. Photos are stored without their location and camera "
                "data; attachments are never shown publicly.",
                "Answers to surveys and registration forms, only for that survey or event.",
                "The text and time of your consent, so that we can show you gave it.",
                "We do not store your IP address; to limit abuse we use only an "
                "irreversible digest of it.",
            ]
        ),
        heading("Legal basis and retention"),
        paragraph(
            "<p>We process the data with your consent (GDPR Article 6(1)(a)). Names, e-mail "
            "addresses and attachments are deleted 24 months after submission; the idea "
            "itself is kept anonymised.</p>"
        ),
        heading("Your rights"),
        paragraph(
            "<p>You can withdraw your consent at any time, and ask to see, correct or erase "
            "your data, by writing to us. You can lodge a complaint with the State Data "
            "Protection Inspectorate (Valstybinė duomenų apsaugos inspekcija).</p>"
        ),
    ),
}

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


# The client's page repeats its introduction under the heading "Kuriame miesto bendruomenės
# strategiją"; the hero already shows it, so the home page's body starts empty.
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
        },
        en={
            "title": "Home",
            "hero_kicker": "We are building the future now",
            "hero_title": "What kind of city do you want?",
            "hero_lead": INTRO_EN,
            "hero_cta_label": "Share your thoughts",
            "search_description": "Druskininkai city Local Action Group: community-led local "
            "development, funding calls and residents' initiatives.",
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
    if not site_settings.address_lt:
        site_settings.address_lt = "Druskininkai, Lietuva"
        changed = True
    if not site_settings.address_en:
        site_settings.address_en = "Druskininkai, Lithuania"
        changed = True
    if changed:
        site_settings.save()


# The accessibility statement follows the model statement of Commission Implementing Decision
# (EU) 2018/1523: compliance status, non-accessible content (non-compliance, disproportionate
# burden, content outside the scope), preparation, feedback and contact, enforcement procedure.
# The enforcement body is described, not named: the VVG confirms it before publishing.
STATEMENT_DATE_LT = "2026 m. lapkričio 24 d."
STATEMENT_DATE_EN = "24 November 2026"
ACCESSIBILITY_LT = {
    "title": "Prieinamumo deklaracija",
    "intro": "Druskininkų miesto vietos veiklos grupė (VVG) siekia, kad jos interneto svetainė "
    "būtų prieinama visiems, pagal Europos Parlamento ir Tarybos direktyvą (ES) 2016/2102 dėl "
    "viešojo sektoriaus institucijų interneto svetainių ir mobiliųjų programų prieinamumo. "
    "Ši deklaracija taikoma visai šiai svetainei lietuvių ir anglų kalbomis.",
    "body": stream(
        heading("Atitikties būsena"),
        paragraph(
            "<p>Ši svetainė <b>iš dalies atitinka</b> standarto EN 301 549 ir Žiniatinklio "
            "turinio prieinamumo gairių (WCAG) 2.1 AA lygio reikalavimus dėl toliau "
            "išvardytų neatitikčių ir išimčių.</p>"
        ),
        heading("Neprieinamas turinys"),
        heading("Neatitiktis reikalavimams", "h3"),
        bullet_list(
            [
                "Kai kurie anksčiau parengti PDF dokumentai (pvz., kvietimų priedai) neturi "
                "antraščių ir lentelių struktūros, todėl ekrano skaitytuvams gali būti "
                "neprieinami (WCAG 1.3.1). Paprašius pateiksime juos kitu formatu.",
            ]
        ),
        heading("Neproporcinga našta", "h3"),
        paragraph("<p>Neproporcingos naštos išimtimi nesinaudojame.</p>"),
        heading("Turinys, kuriam prieinamumo reikalavimai netaikomi", "h3"),
        bullet_list(
            [
                "Biuro rinkmenų formatų dokumentai, paskelbti iki 2018 m. rugsėjo 23 d., "
                "kai jie nebūtini administracinėms procedūroms atlikti.",
                "Kitų paslaugų teikėjų turinys, kurio VVG nefinansuoja, nekuria ir "
                "nekontroliuoja, pavyzdžiui, įterpti vaizdo įrašai ir žemėlapiai.",
            ]
        ),
        heading("Deklaracijos parengimas"),
        paragraph(
            f"<p>Ši deklaracija parengta {STATEMENT_DATE_LT} pagal Komisijos įgyvendinimo "
            "sprendimo (ES) 2018/1523 pavyzdinę formą.</p>"
            "<p>Ji parengta <b>įsivertinimo</b> būdu. Kiekvienas svetainės puslapis abiem "
            "kalbomis, paieškos rezultatai, klaidos puslapis ir idėjos formos tuščia, klaidų "
            "ir padėkos būsenos tikrinami tikroje naršyklėje įrankiu axe-core pagal WCAG 2.1 "
            "A ir AA kriterijus. Be to, tikriname, ar visus pagrindinius veiksmus galima "
            "atlikti vien klaviatūra, ar matomas fokusas ir ar puslapiai tinkamai rodomi "
            "360 pikselių pločio telefono ekrane, o VVG darbuotojai peržiūri turinį "
            "redaktoriaus prieinamumo tikrintuvu.</p>"
            f"<p>Deklaracija peržiūrima bent kartą per metus. Paskutinį kartą peržiūrėta "
            f"{STATEMENT_DATE_LT}</p>"
        ),
        heading("Atsiliepimai ir kontaktai"),
        paragraph(
            "<p>Jei pastebėjote prieinamumo trūkumų, negalite pasiekti kurio nors turinio "
            "arba jums reikia informacijos kitu formatu, susisiekite su mumis – kontaktai "
            "nurodyti kiekvieno puslapio apačioje, skiltyje „Kontaktai“. Atsakysime per "
            "10 darbo dienų.</p>"
        ),
        heading("Įgyvendinimo užtikrinimo procedūra"),
        paragraph(
            "<p>Jei mūsų atsakymas jūsų netenkina arba per 10 darbo dienų negavote "
            "atsakymo, galite kreiptis į instituciją, kuri Lietuvoje prižiūri viešojo "
            "sektoriaus interneto svetainių prieinamumą pagal direktyvos (ES) 2016/2102 "
            "9 straipsnį. Paprašius nurodysime jos kontaktus.</p>"
        ),
    ),
}
ACCESSIBILITY_EN = {
    "title": "Accessibility statement",
    "intro": "The Druskininkai city Local Action Group (LAG) is committed to making its "
    "website accessible to everyone, in accordance with Directive (EU) 2016/2102 of the "
    "European Parliament and of the Council on the accessibility of the websites and mobile "
    "applications of public sector bodies. This statement applies to this whole website, in "
    "Lithuanian and in English.",
    "body": stream(
        heading("Compliance status"),
        paragraph(
            "<p>This website is <b>partially compliant</b> with the standard EN 301 549 and "
            "the Web Content Accessibility Guidelines (WCAG) 2.1 level AA, due to the "
            "non-compliances and exemptions listed below.</p>"
        ),
        heading("Non-accessible content"),
        heading("Non-compliance", "h3"),
        bullet_list(
            [
                "Some older PDF documents (for example annexes to calls) have no structure "
                "of headings and tables, so they may not be accessible to screen readers "
                "(WCAG 1.3.1). We will provide them in another format on request.",
            ]
        ),
        heading("Disproportionate burden", "h3"),
        paragraph("<p>We do not claim a disproportionate burden.</p>"),
        heading("Content outside the scope of the accessibility requirements", "h3"),
        bullet_list(
            [
                "Office documents published before 23 September 2018, unless they are "
                "needed for an administrative process.",
                "Content from other services that the LAG neither funds, develops nor "
                "controls, such as embedded videos and maps.",
            ]
        ),
        heading("Preparation of this statement"),
        paragraph(
            f"<p>This statement was prepared on {STATEMENT_DATE_EN}, following the model "
            "accessibility statement of Commission Implementing Decision (EU) 2018/1523.</p>"
            "<p>It was prepared by <b>self-assessment</b>. Every page of the site in both "
            "languages, the search results, the error page and the idea form's empty, "
            "error and thank-you states are checked in a real browser with axe-core "
            "against the WCAG 2.1 A and AA criteria. We also check that every main task "
            "can be done with the keyboard alone, that focus is visible and that pages "
            "work on a 360-pixel-wide phone screen, and LAG staff review content with the "
            "editor's accessibility checker.</p>"
            "<p>The statement is reviewed at least once a year. It was last reviewed on "
            f"{STATEMENT_DATE_EN}.</p>"
        ),
        heading("Feedback and contact information"),
        paragraph(
            "<p>If you notice an accessibility problem, cannot reach some content or need "
            "information in another format, contact us using the details at the bottom of "
            "every page, under “Contact”. We will reply within 10 working days.</p>"
        ),
        heading("Enforcement procedure"),
        paragraph(
            "<p>If our answer does not satisfy you, or you have had no answer within 10 "
            "working days, you can turn to the authority that monitors the accessibility of "
            "public sector websites in Lithuania under Article 9 of Directive (EU) "
            "2016/2102. We will give you its contact details on request.</p>"
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

"""The demo bid's bid-book content: the cover's promise, the practical, social-programme and site-inspection
texts in Swedish and English, fuller prose for the other texts, the invitation's signatory, the venues' travel
times, and the pictures and letters a bid book carries (drawn here, so the demo needs no outside file).

`make_demo.py` calls `add_bid_book(doc)` last. The pictures are drawn shapes (a river town at dusk, the hall,
the foyer, the gasholders); the letters are short PDFs in the partners' own words. All people are fictional.
"""

from __future__ import annotations

import base64
import hashlib
import io
import math

CREATED = "2011-11-20T09:00:00+00:00"

TEXTS: dict[str, dict[str, str]] = {
    "promise": {
        "sv": "Två dagar vid Gavleån där de kreativa näringarna möter besöksnäringen – och en region som redan "
              "gör det varje dag.",
        "en": "Two days by the Gavle river where the creative industries meet the visitor industry – in a "
              "region that already brings them together every day.",
    },
    "invitation": {
        "sv": "Välkomna till Gävle!\n\n"
              "Region Gävleborg och länets tio kommuner bjuder in Generator 2012 till en region där de kulturella "
              "och kreativa näringarna har blivit en del av hur vi bygger framtiden. Här ligger ett av Nordens "
              "tätaste nätverk för efterproduktion av film och ljud, en högskola som utbildar i medieteknik och "
              "design, och en inkubator som varje år hjälper ett trettiotal nya företag på fötter.\n\n"
              "Vi vill att Generator 2012 ska bli två dagar då deltagarna inte bara lyssnar på hur regioner "
              "arbetar med kreativa näringar, utan ser det med egna ögon: i klippstudior i Sandviken, i "
              "designföretag i Hudiksvall och i hantverkets nya butiker på nätet i Ljusdal. Konserthuset vid "
              "Gavleån ligger fem minuter från stadens centrum och tio minuter från stationen, och hela länet "
              "står bakom inbjudan.\n\n"
              "Region Gävleborg står som garant för konferensens budget, och vi har redan fått stöd av våra "
              "kommuner och våra företag. Vi ser fram emot att få visa er vad vi har byggt – och "
              "att lära av er.\n\n"
              "Varmt välkomna.",
        "en": "Welcome to Gävle!\n\n"
              "Region Gävleborg and the county's ten municipalities invite Generator 2012 to a region where the "
              "cultural and creative industries have become part of how we build our future. Here is one of the "
              "densest film and sound post-production networks in the Nordic countries, a university that teaches "
              "media technology and design, and an incubator that helps some thirty new companies on their feet "
              "every year.\n\n"
              "We want Generator 2012 to be two days in which delegates do not only hear how regions work with the "
              "creative industries but see it for themselves: in editing suites in Sandviken, in design studios in "
              "Hudiksvall and in the new online shops of the crafts in Ljusdal. The concert hall by the Gavle river "
              "is five minutes from the city centre and ten from the railway station, and the whole county stands "
              "behind this invitation.\n\n"
              "Region Gävleborg guarantees the conference budget, and our municipalities and our companies "
              "already support the bid. We look forward to showing you what we have built – and to "
              "learning from you.\n\n"
              "You are most welcome.",
    },
    "summary": {
        "sv": "Region Gävleborg ansöker om att vara värd för Generator 2012 i Gävle den 24–25 maj 2012. "
              "Konferensen hålls i Gävle Konserthus vid Gavleån, med Stora salen för 800 personer och sex rum för "
              "parallella pass. Vi räknar med 300 deltagare, och hotellen i centrum håller 210 rum per natt inom "
              "gångavstånd.\n\n"
              "Budgeten bygger på tre scenarier och har regionen som garant. Länets kommuner, Almi och "
              "Movexum stöder ansökan med pengar, lokaler och arbetstid. Programmet visar regionens "
              "styrkor: efterproduktion av film och ljud, design och hantverk, och en besöksnäring som vill möta "
              "de kreativa företagen.",
        "en": "Region Gävleborg bids to host Generator 2012 in Gävle on 24–25 May 2012. The conference is held in "
              "Gävle Konserthus by the Gavle river, with a main hall for 800 and six rooms for parallel sessions. "
              "We expect 300 delegates, and the hotels in the centre hold 210 rooms a night within walking "
              "distance.\n\n"
              "The budget is built on three scenarios and guaranteed by the region. The county's "
              "municipalities, Almi and Movexum support the bid with money, rooms and "
              "staff time. The programme shows the region's strengths: film and sound post-production, design and "
              "crafts, and a visitor industry that wants to meet the creative companies.",
    },
    "motivation": {
        "sv": "Gävleborg har under två år arbetat med ett regionalt program för de kulturella och kreativa "
              "näringarna, KKN Gävleborg. Varje kommun har fått medfinansiering för aktiviteter som synliggör "
              "lokala kreativa företagare, och nästan alla aktiviteter växte långt över sin ursprungliga budget. "
              "Det är den energin vi vill visa Generator.\n\n"
              "Regionen har två tydliga mål: att bli känd för efterproduktion av film och ljud, och att koppla "
              "ihop besöksnäringen med de kreativa näringarna. Generator 2012 är ett tillfälle att göra båda på "
              "en gång – med deltagare från hela Norden som ser vad som händer här, och med lokala företag som "
              "får möta dem.\n\n"
              "Tidpunkten är rätt. Nätverket The Galaxy of Postproduction har vuxit till ett trettiotal företag, "
              "Affärsdesign KKN hos Almi har hjälpt över hundra kreativa företag med affärsutveckling, och "
              "Movexum har öppnat ett spår för kreativa startföretag. Samtidigt bygger Gävle om sitt stationsområde "
              "och öppnar nya mötesplatser vid ån.",
        "en": "For two years Gävleborg has run a regional programme for the cultural and creative industries, "
              "KKN Gävleborg. Every municipality has received co-financing for activities that make local creative "
              "entrepreneurs visible, and almost every activity grew far beyond its first budget. That energy is "
              "what we want to show Generator.\n\n"
              "The region has two clear aims: to be known for film and sound post-production, and to link the "
              "visitor industry with the creative industries. Generator 2012 is a chance to do both at once – with "
              "delegates from across the Nordic countries seeing what happens here, and local companies meeting "
              "them.\n\n"
              "The timing is right. The Galaxy of Postproduction network has grown to some thirty companies, "
              "Affärsdesign KKN at Almi has helped more than a hundred creative companies develop their business, "
              "and Movexum has opened a track for creative start-ups. Meanwhile Gävle is rebuilding its station "
              "district and opening new meeting places by the river.",
    },
    "legacy": {
        "sv": "Generator 2012 ska lämna mer efter sig än två bra dagar. Vi planerar tre saker som finns kvar:\n\n"
              "Ett regionalt nätverk för kreativa företag och besöksnäringen, som träffas två gånger om året "
              "efter konferensen och som Region Gävleborg finansierar i tre år.\n\n"
              "En dokumentation av konferensen – filmad, klippt och ljudsatt av företag i länets "
              "efterproduktionsnätverk – som blir fri att använda för alla deltagande regioner.\n\n"
              "Ett studentprogram där trettio studenter från Högskolan i Gävle arbetar på konferensen och "
              "skriver sina examensarbeten om hur evenemang kan stärka en regions kreativa näringar.",
        "en": "Generator 2012 is to leave more behind than two good days. We plan three things that remain:\n\n"
              "A regional network of creative companies and the visitor industry, meeting twice a year after the "
              "conference, funded by Region Gävleborg for three years.\n\n"
              "A record of the conference – filmed, edited and sound-mixed by companies of the county's "
              "post-production network – free for every participating region to use.\n\n"
              "A student programme in which thirty students of the University of Gävle work at the conference "
              "and write their degree projects on how events can strengthen a region's creative industries.",
    },
    "host_city": {
        "sv": "Gävle är Norrlands äldsta stad, grundad 1446, med omkring 95 000 invånare. Staden ligger vid "
              "Gavleåns mynning i Bottenhavet, två timmar norr om Stockholm. Den gamla trästaden Gamla Gefle, "
              "parkerna längs ån och Sveriges Järnvägsmuseum ger staden dess karaktär; Furuviksparken och "
              "kusten ligger några minuter bort.\n\n"
              "Gävle är också en stad för evenemang. Konserthuset, Gasklockorna och Högskolan tar varje år emot "
              "konferenser, festivaler och idrottsmästerskap, och stadens hotell är vana vid grupper. Centrum är "
              "litet nog att gå överallt: från konserthuset till hotellen, restaurangerna och stationen är det "
              "aldrig mer än en kvarts promenad.",
        "en": "Gävle is the oldest city of Norrland, founded in 1446, with some 95,000 inhabitants. It lies where "
              "the Gavle river meets the Gulf of Bothnia, two hours north of Stockholm. The old wooden town of "
              "Gamla Gefle, the parks along the river and the Swedish Railway Museum give the city its character; "
              "the Furuvik park and the coast are a few minutes away.\n\n"
              "Gävle is also a city of events. The concert hall, Gasklockorna and the University welcome "
              "conferences, festivals and sports championships every year, and the city's hotels are used to "
              "groups. The centre is small enough to walk everywhere: from the concert hall to the hotels, the "
              "restaurants and the station is never more than a quarter of an hour on foot.",
    },
    "access": {
        "sv": "Gävle nås enkelt med tåg: från Stockholm Central går tåg varje halvtimme och resan tar en timme "
              "och tjugo minuter. Från Stockholm Arlanda går direkttåg till Gävle på 55 minuter, så att deltagare "
              "från hela världen kan flyga till Arlanda och vara i Gävle samma förmiddag. Med bil tar resan från "
              "Stockholm två timmar på E4.\n\n"
              "Konserthuset ligger vid Gavleån i centrum, tio minuters promenad från Gävle Centralstation och "
              "fem minuter från Stora torget.",
        "en": "Gävle is easy to reach by train: from Stockholm Central trains leave every half hour and the "
              "journey takes an hour and twenty minutes. From Stockholm Arlanda airport direct trains reach Gävle "
              "in 55 minutes, so delegates from anywhere can fly into Arlanda and be in Gävle the same morning. By "
              "car the drive from Stockholm takes two hours on the E4.\n\n"
              "The concert hall lies by the Gavle river in the centre, a ten-minute walk from Gävle Central "
              "Station and five minutes from the main square.",
    },
    "practical": {
        "sv": "Pass och visum: Sverige är med i Schengensamarbetet. Medborgare i EU- och EES-länderna behöver "
              "bara en giltig id-handling; deltagare från länder med visumkrav får ett inbjudningsbrev från "
              "konferensens sekretariat senast tolv veckor före konferensen.\n\n"
              "Lokala resor: hela centrum nås till fots. Stadsbussarna går var tionde minut, och konferensbrickan "
              "gäller som biljett på X-trafiks bussar under konferensdagarna. Taxi från stationen till hotellen "
              "kostar omkring 100 kr.\n\n"
              "Väder och klimat: i slutet av maj är dagarna långa – solen går ner först kvart i tio på kvällen – "
              "och temperaturen ligger oftast mellan 12 och 20 grader.\n\n"
              "Pengar och språk: valutan är svensk krona; kort tas överallt. Konferensen hålls på engelska, och "
              "engelska talas allmänt i staden.",
        "en": "Passports and visas: Sweden is part of the Schengen area. Citizens of EU and EEA countries need only "
              "a valid identity document; delegates from countries that need a visa receive a letter of invitation "
              "from the conference secretariat at least twelve weeks before the conference.\n\n"
              "Getting around: the whole centre is within walking distance. City buses run every ten minutes, and "
              "the conference badge is a ticket on X-trafik's buses during the conference days. A taxi from the "
              "station to the hotels costs about SEK 100.\n\n"
              "Weather: at the end of May the days are long – the sun sets only at a quarter to ten in the evening – "
              "and temperatures are usually between 12 and 20 °C.\n\n"
              "Money and language: the currency is the Swedish krona; cards are taken everywhere. The conference "
              "is held in English, which is widely spoken in the city.",
    },
    "social_programme": {
        "sv": "Kvällarna visar Gävleborg från sin bästa sida. Den första kvällen samlas alla deltagare till "
              "konferensmiddag i Gasklockorna, de två gamla gasklockorna som i dag är scen för konserter och fester. "
              "Middagen lagas av länets krögare med råvaror från Hälsingland och Gästrikland, och kvällens musik "
              "kommer från artister som spelat in i länets studior.\n\n"
              "Efter konferensens andra dag erbjuder vi två studiebesök: efterproduktionsföretagen i Sandviken "
              "och Sveriges Järnvägsmuseum. För medföljande finns en guidad promenad "
              "i Gamla Gefle och en tur ut till Limön i Gävle skärgård.",
        "en": "The evenings show Gävleborg at its best. On the first evening all delegates gather for the "
              "conference dinner in Gasklockorna, two former gasholders that are now a stage for concerts and "
              "parties. The dinner is cooked by the county's restaurateurs with produce from Hälsingland and "
              "Gästrikland, and the evening's music comes from artists who recorded in the county's studios.\n\n"
              "After the conference's second day we offer two study visits: the post-production companies in "
              "Sandviken and the Swedish Railway Museum. Accompanying persons "
              "can join a guided walk through Gamla Gefle and a trip out to Limön in the Gävle archipelago.",
    },
    "site_inspection": {
        "sv": "Vi bjuder gärna in urvalskommittén till Gävle innan beslutet. Ett besök tar en dag: vi möter er "
              "på Arlanda eller Gävle Centralstation, visar konserthuset och dess rum, hotellen och Gasklockorna, "
              "och ni träffar företrädare för regionen, kommunerna och näringslivet.\n\n"
              "Region Gävleborg står för resor inom Sverige, logi och måltider för upp till fyra ledamöter. Vi "
              "föreslår ett besök i december 2011 eller början av januari 2012; kontakta Maja Ekholm för att boka "
              "en dag som passar er.",
        "en": "We would be glad to welcome the selection committee to Gävle before the decision. A visit takes a "
              "day: we meet you at Arlanda or Gävle Central Station, show you the concert hall and its rooms, the "
              "hotels and Gasklockorna, and you meet representatives of the region, the municipalities and local "
              "business.\n\n"
              "Region Gävleborg covers travel within Sweden, accommodation and meals for up to four committee "
              "members. We suggest a visit in December 2011 or early January 2012; contact Maja Ekholm to book a "
              "day that suits you.",
    },
    "bid_team": {
        "sv": "Ansökan leds av KKN Gävleborg, Region Gävleborgs program för de kulturella och kreativa "
              "näringarna, tillsammans med Gävle kommun, Almi och Movexum. Projektledaren Maja Ekholm är "
              "kontaktperson för kommittén. Bakom henne står en styrgrupp med företrädare för regionen, "
              "kommunerna, högskolan och näringslivet, som har mötts varje månad sedan ansökan började.\n\n"
              "Om Gävle får konferensen anlitar regionen en professionell konferensarrangör för registrering, "
              "hotellbokning och logistik, medan KKN Gävleborg ansvarar för programmet och studiebesöken.",
        "en": "The bid is led by KKN Gävleborg, Region Gävleborg's programme for the cultural and creative "
              "industries, together with Gävle municipality, Almi and Movexum. The project manager, Maja Ekholm, is "
              "the committee's contact. Behind her stands a steering group with representatives of the region, "
              "the municipalities, the university and local business, which has met every month since the bid "
              "began.\n\n"
              "If Gävle is chosen, the region engages a professional conference organiser for registration, hotel "
              "booking and logistics, while KKN Gävleborg is responsible for the programme and the study visits.",
    },
}

# minutes from each venue to the centre, the station and Stockholm Arlanda (by train)
TRAVEL = {1: (5, 10, 65), 2: (12, 10, 70), 3: (8, 15, 70), 4: (4, 8, 65)}


# the bid team as the dossier's team chapter lists it: name, role (en, sv), organisation, shown in the dossier;
# Maja Ekholm is the bid's contact, so the committee reaches her through the bid's contact details
TEAM = [
    ("Eva Lindqvist", "Chair of the steering group", "Ordförande i styrgruppen", "Region Gävleborg", True),
    ("Maja Ekholm", "Project manager", "Projektledare", "KKN Gävleborg", True),
    ("Jonas Wiklund", "Programme and speakers", "Program och talare", "KKN Gävleborg", True),
    ("Sara Lundgren", "Venues and hotels", "Lokaler och hotell", "Gävle kommun", True),
    ("Erik Hedlund", "Partners and sponsorship", "Partner och sponsring", "Almi Företagspartner Gävleborg", True),
    ("Annika Forsberg", "Study visits and start-ups", "Studiebesök och nya företag", "Movexum", True),
    ("Ahmed Karimi", "Budget follow-up", "Budgetuppföljning", "Region Gävleborg", False),
]

# the social programme's events: (day, start, end, room, title en, title sv, guests, cost per head kr,
# abstract en, abstract sv); the dinner is session 9 of the programme, moved to Gasklockorna
SOCIAL = [
    ("2012-05-24", "16:00", "18:00", 2, "Welcome reception", "Välkomstmottagning", 200, 150,
     "Drinks and small dishes from Gästrikland in the foyer of the concert hall, with the county's "
     "creative companies showing their work; the mayor of Gävle welcomes the delegates.",
     "Dryck och smårätter från Gästrikland i konserthusets foajé, där länets kreativa företag visar vad de gör; "
     "Gävles kommunstyrelseordförande hälsar deltagarna välkomna."),
    ("2012-05-24", "19:00", "23:00", 10, "Conference dinner", "Konferensmiddag", 250, 450,
     "A three-course dinner in the first gasholder, cooked by the county's restaurateurs, with music by "
     "artists who recorded in the county's studios.",
     "En middag i tre rätter i den första gasklockan, lagad av länets krögare, med musik av artister som "
     "spelat in i länets studior."),
    ("2012-05-24", "10:00", "12:00", None, "Guided walk through Gamla Gefle", "Guidad promenad i Gamla Gefle",
     30, 0,
     "For accompanying persons: the wooden houses of the old town that survived the fire of 1869, with a guide "
     "from Gävle's city museum.",
     "För medföljande: trähusen i den gamla stadsdelen som klarade branden 1869, med en guide från "
     "Länsmuseet Gävleborg."),
    ("2012-05-25", "10:00", "15:00", None, "Boat trip to Limön", "Båttur till Limön", 40, 250,
     "For accompanying persons: a boat from the inner harbour to Limön in the Gävle archipelago, with lunch "
     "at the island's café and a walk along its nature trail.",
     "För medföljande: båt från Inre hamnen till Limön i Gävle skärgård, med lunch på öns kafé och en "
     "promenad längs naturstigen."),
    ("2012-05-25", "15:45", "19:00", None, "Study visit: post-production in Sandviken",
     "Studiebesök: efterproduktion i Sandviken", 50, 120,
     "By bus to the editing suites and sound studios of The Galaxy of Postproduction in Sandviken, "
     "twenty-five minutes away; back in Gävle by seven.",
     "Med buss till klipprummen och ljudstudiorna hos The Galaxy of Postproduction i Sandviken, tjugofem "
     "minuter bort; tillbaka i Gävle till sju."),
    ("2012-05-25", "15:45", "18:00", None, "Study visit: the Swedish Railway Museum",
     "Studiebesök: Sveriges Järnvägsmuseum", 50, 150,
     "The museum's collections and its work with digital exhibitions, shown by its curators; the bus leaves "
     "from the concert hall.",
     "Museets samlingar och dess arbete med digitala utställningar, visade av museets intendenter; bussen går "
     "från konserthuset."),
]

# the days proposed to the committee for its site inspection: milestones of the timeline (template key
# site_inspection, so the committee's timeline shows them and the site-inspection chapter lists them)
INSPECTION = [
    ("2011-12-14", "Site inspection by the committee, first proposed day",
     "Kommitténs platsbesök, första föreslagna dag"),
    ("2012-01-11", "Site inspection by the committee, second proposed day",
     "Kommitténs platsbesök, andra föreslagna dag"),
]


# the programme's session abstracts by session id: (English, Swedish)
ABSTRACTS = {
    1: ("The region and the city open the conference: why Gävleborg bids for Generator, and what the two days "
        "will show of the county's creative companies.",
        "Regionen och staden öppnar konferensen: varför Gävleborg söker Generator, och vad de två dagarna ska "
        "visa av länets kreativa företag."),
    2: ("How European regions have made the cultural and creative industries part of their development "
        "strategies, what worked, what did not, and what the next programme period asks of them.",
        "Hur europeiska regioner har gjort de kulturella och kreativa näringarna till en del av sina "
        "utvecklingsstrategier, vad som fungerade, vad som inte gjorde det, och vad nästa programperiod kräver."),
    4: ("Three post-production companies and a researcher on why film and sound companies cluster in small "
        "towns, and how a region can help a cluster grow without owning it.",
        "Tre efterproduktionsföretag och en forskare om varför film- och ljudföretag samlas i små orter, och hur "
        "en region kan hjälpa ett kluster att växa utan att äga det."),
    5: ("A hands-on workshop: participants take a creative company's offer through the business model canvas "
        "and leave with a one-page plan for its next customer.",
        "En praktisk workshop: deltagarna tar ett kreativt företags erbjudande genom affärsmodellens nio rutor "
        "och går därifrån med en plan på en sida för nästa kund."),
    6: ("What banks, business angels and public funders look for in a creative start-up, and how incubators "
        "such as Movexum prepare companies to ask for money.",
        "Vad banker, affärsänglar och offentliga finansiärer letar efter hos ett kreativt nystartat företag, och "
        "hur inkubatorer som Movexum förbereder företagen på att be om pengar."),
    7: ("Craftspeople from Hälsingland on selling textiles and crafts online: photography, pricing, postage "
        "and the customers who find them from abroad.",
        "Hantverkare från Hälsingland om att sälja textil och hantverk på nätet: bilder, prissättning, porto och "
        "kunderna som hittar dem från utlandet."),
    8: ("Cultural tourism as a market: who travels for a concert, a festival or a museum, what they spend, and "
        "how the visitor industry and the creative companies can sell together.",
        "Kulturturism som marknad: vem som reser för en konsert, en festival eller ett museum, vad de spenderar, "
        "och hur besöksnäringen och de kreativa företagen kan sälja tillsammans."),
    10: ("A sound archive turned into a business: how recordings from a century of Nordic music found new "
         "listeners, licences and jobs.",
         "Ett ljudarkiv som blev ett företag: hur inspelningar från ett sekel av nordisk musik fick nya lyssnare, "
         "licenser och arbetstillfällen."),
    11: ("Designers and manufacturers on working together: prototypes in local workshops, short series, and "
         "keeping production in the region.",
         "Formgivare och tillverkare om att arbeta tillsammans: prototyper i lokala verkstäder, korta serier och "
         "att behålla tillverkningen i regionen."),
    12: ("Editors and sound designers who left the capital: what a small town offers a post-production studio, "
         "and what it takes to win clients from far away.",
         "Klippare och ljuddesigners som lämnade huvudstaden: vad en liten ort erbjuder en efterproduktionsstudio, "
         "och vad som krävs för att vinna kunder långt bort."),
    13: ("Design weeks in Nordic and Baltic cities compared: budgets, visitors, and what they leave behind for "
         "the region's companies once the week is over.",
         "Designveckor i nordiska och baltiska städer jämförda: budgetar, besökare och vad de lämnar efter sig åt "
         "regionens företag när veckan är slut."),
    14: ("Twenty years of regional media clusters: which ones lasted, which ones faded when the funding ended, "
         "and the lessons for regions starting now.",
         "Tjugo år av regionala mediekluster: vilka som bestod, vilka som försvann när stödet tog slut, och "
         "lärdomarna för regioner som börjar nu."),
    15: ("The closing panel: the region, a municipality and two companies on what they take home from the "
         "conference, and the commitments they make for the year ahead.",
         "Den avslutande panelen: regionen, en kommun och två företag om vad de tar med sig hem från konferensen, "
         "och vad de lovar för året som kommer."),
}


def add_team_and_events(doc: dict) -> None:
    """The bid team, the social programme's events, the sessions' abstracts and the proposed site-inspection
    days (in place)."""
    doc["team_member"] = [
        {"id": i, "name": name, "role": role, "organisation": org, "email": "", "phone": "",
         "shown_in_dossier": shown, "position": i - 1, "translations": {"role": {"sv": role_sv}}}
        for i, (name, role, role_sv, org, shown) in enumerate(TEAM, start=1)]
    sessions = doc["programme_session"]
    dinner = next(s for s in sessions if s["kind"] == "social")
    next_id = max(s["id"] for s in sessions) + 1
    for day, start, end, room, title, title_sv, guests, cost, abstract, abstract_sv in SOCIAL:
        row = dinner if title == dinner["title"] else {"id": next_id, "kind": "social", "status": "confirmed"}
        if row is not dinner:
            sessions.append(row)
            next_id += 1
        row.update({"title": title, "day": day, "start_time": start + ":00", "end_time": end + ":00",
                    "room_id": room, "expected_audience": guests, "abstract": abstract,
                    "cost_per_head_minor": cost * 100, "cost_per_head_currency": "SEK",
                    "translations": {"title": {"sv": title_sv}, "abstract": {"sv": abstract_sv}}})
    for session in sessions:
        if session["id"] in ABSTRACTS and session["kind"] != "social":
            session["abstract"], abstract_sv = ABSTRACTS[session["id"]]
            session.setdefault("translations", {})["abstract"] = {"sv": abstract_sv}
    tasks = doc["task"]
    next_id = max(t["id"] for t in tasks) + 1
    for day, title, title_sv in INSPECTION:
        tasks.append({"id": next_id, "translations": {"title": {"sv": title_sv}}, "title": title,
                      "kind": "milestone", "owner": "Maja Ekholm", "status": "todo", "due_date": day,
                      "anchor": None, "offset_days": None, "duration_days": 0, "template_key": "site_inspection",
                      "note": "", "position": next_id - 1})
        next_id += 1


def add_bid_book(doc: dict) -> None:
    """Add the bid book's content to the demo bid file `doc` (in place)."""
    bid = doc["bid"]
    bid["spend_per_delegate_day_minor"] = 0  # the published default
    bid["signatory_name"] = "Eva Lindqvist"
    bid["signatory_title"] = "Regional councillor, Region Gävleborg"  # the records are written in English
    bid["translations"] = {"signatory_title": {"sv": "Regionråd, Region Gävleborg"},
                           "guarantee_statement": {"sv": (
                               "Region Gävleborg garanterar konferensens budget: skulle Generator 2012 i Gävle gå "
                               "med underskott täcker regionen det upp till 500 000 kr, enligt beslut i Regionala "
                               "utvecklingsnämnden.")}}
    texts = {(t["key"], t["locale"]): t for t in doc["bid_text"]}
    next_id = max(t["id"] for t in doc["bid_text"]) + 1
    for key, bodies in TEXTS.items():
        for locale, body in bodies.items():
            if (key, locale) in texts:
                texts[(key, locale)]["body"] = body
            else:
                doc["bid_text"].append({"id": next_id, "key": key, "locale": locale, "body": body})
                next_id += 1
    for venue in doc["venue"]:
        centre, station, airport = TRAVEL.get(venue["id"], (0, 0, 0))
        venue["travel_centre_min"], venue["travel_station_min"], venue["travel_airport_min"] = centre, station, airport
    partners = {p["name"]: p["id"] for p in doc["partner"]}
    files = [(None, "hero", "gavle-at-dusk.jpg", hero()),
             (None, "signature", "signature-eva-lindqvist.png", signature()),
             (None, "photo", "konserthuset-stora-salen.jpg", hall()),
             (None, "photo", "konserthuset-foajen.jpg", foyer()),
             (None, "photo", "gasklockorna.jpg", gasholders())]
    for name, signatory, body in LETTERS:
        files.append((partners[name], "letter", f"letter-{partners[name]}.pdf", letter(name, signatory, body)))
    doc["attachment"] = [
        {"id": index, "partner_id": partner_id, "kind": kind, "filename": filename,
         "media_type": {"jpg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}[filename[-3:]],
         "size_bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
         "data": base64.b64encode(data).decode("ascii"), "created_at": CREATED, "created_by": "demo",
         **_caption(filename)}
        for index, (partner_id, kind, filename, data) in enumerate(files, start=1)]
    add_team_and_events(doc)


# the photos' captions: in English, the language the records are written in, with the Swedish translation
CAPTIONS = {
    "konserthuset-stora-salen.jpg": ("The great hall of Gävle Konserthus: 800 seats",
                                     "Stora salen i Gävle Konserthus: 800 platser"),
    "konserthuset-foajen.jpg": ("The foyer, for the exhibition and the welcome reception",
                                "Foajén, för utställningen och välkomstmottagningen"),
    "gasklockorna.jpg": ("Gasklockorna, where the conference dinner is held",
                         "Gasklockorna, där konferensmiddagen hålls"),
}


def _caption(filename: str) -> dict:
    if filename not in CAPTIONS:
        return {}
    english, swedish = CAPTIONS[filename]
    return {"caption": english, "translations": {"caption": {"sv": swedish}}}


# -- pictures ------------------------------------------------------------------------------------------------


def _jpeg(image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=72, optimize=True)
    return out.getvalue()


def _sky(draw, width: int, height: int, top: tuple, bottom: tuple) -> None:
    for y in range(height):
        t = y / max(height - 1, 1)
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))


def hero() -> bytes:
    """The river town at dusk: sky, roofs, the concert hall's glass front and the gasholders, reflected."""
    from PIL import Image, ImageDraw

    w, h = 1400, 620
    image = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(image)
    water = 430
    _sky(draw, w, water, (31, 58, 104), (238, 150, 84))
    draw.ellipse([980, 300, 1080, 400], fill=(250, 205, 120))
    skyline = [(0, 330), (90, 330), (90, 300), (160, 300), (160, 340), (240, 340), (240, 250), (262, 230),
               (284, 250), (284, 340), (380, 340), (380, 310), (470, 310), (470, 345), (560, 345), (560, 270),
               (760, 270), (760, 345), (840, 345), (840, 320), (900, 320), (900, 345), (1150, 345), (1150, 290),
               (1260, 290), (1260, 345), (1400, 345), (1400, water), (0, water)]
    draw.polygon(skyline, fill=(28, 34, 52))
    for x in range(575, 750, 22):  # the concert hall's lit glass front
        draw.rectangle([x, 285, x + 14, 335], fill=(255, 214, 140))
    for cx in (1180, 1232):  # the gasholders
        draw.rectangle([cx - 24, 300, cx + 24, 345], fill=(60, 52, 60))
        draw.ellipse([cx - 24, 292, cx + 24, 308], fill=(74, 64, 72))
    for y in range(water, h):  # the river, the town mirrored and darker
        t = (y - water) / (h - water)
        draw.line([(0, y), (w, y)], fill=(round(24 + 20 * t), round(44 + 18 * t), round(78 + 10 * t)))
    for i in range(40):
        y = water + 8 + i * 4
        x = 560 + (i * 37) % 200
        draw.line([(x, y), (x + 60 - i, y)], fill=(200, 160, 100))
    return _jpeg(image)


def hall() -> bytes:
    """The main hall from the back: stage, lights and rows of seats."""
    from PIL import Image, ImageDraw

    w, h = 900, 600
    image = Image.new("RGB", (w, h), (40, 26, 22))
    draw = ImageDraw.Draw(image)
    draw.polygon([(120, 60), (780, 60), (700, 300), (200, 300)], fill=(92, 58, 40))
    draw.rectangle([260, 150, 640, 300], fill=(24, 24, 30))
    draw.rectangle([280, 170, 620, 280], fill=(58, 96, 150))
    for x in range(160, 760, 60):
        draw.ellipse([x, 70, x + 16, 86], fill=(255, 236, 180))
    for row in range(12):
        y = 320 + row * 24
        spread = 260 + row * 30
        for seat in range(-spread, spread, 26):
            draw.rounded_rectangle([450 + seat, y, 450 + seat + 20, y + 16], radius=4, fill=(150, 30, 40))
    return _jpeg(image)


def foyer() -> bytes:
    """The foyer's glass wall onto the river, with people at high tables."""
    from PIL import Image, ImageDraw

    w, h = 900, 600
    image = Image.new("RGB", (w, h), (226, 222, 214))
    draw = ImageDraw.Draw(image)
    _sky(draw, w, 380, (150, 190, 225), (205, 225, 238))
    draw.rectangle([0, 300, w, 380], fill=(70, 110, 130))
    for x in range(0, w, 110):
        draw.rectangle([x, 0, x + 8, 420], fill=(70, 70, 76))
    draw.rectangle([0, 380, w, h], fill=(176, 150, 118))
    for i, x in enumerate(range(80, 860, 160)):
        draw.rectangle([x, 430, x + 8, 540], fill=(60, 60, 64))
        draw.ellipse([x - 40, 420, x + 48, 440], fill=(240, 240, 236))
        for dx, colour in ((-55, (40, 60, 110)), (45, (150, 60, 50))):
            px = x + dx + (i % 2) * 6
            draw.ellipse([px, 360, px + 24, 386], fill=(230, 190, 160))
            draw.rounded_rectangle([px - 6, 386, px + 30, 470], radius=10, fill=colour)
            draw.rectangle([px, 470, px + 9, 560], fill=(40, 40, 46))
            draw.rectangle([px + 15, 470, px + 24, 560], fill=(40, 40, 46))
    return _jpeg(image)


def gasholders() -> bytes:
    """Gasklockorna, the two brick gasholders, on a summer evening."""
    from PIL import Image, ImageDraw

    w, h = 900, 600
    image = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(image)
    _sky(draw, w, h, (96, 150, 210), (250, 214, 170))
    draw.rectangle([0, 470, w, h], fill=(86, 120, 60))
    for cx in (290, 620):
        draw.rectangle([cx - 130, 170, cx + 130, 480], fill=(150, 70, 50))
        for y in range(185, 480, 18):
            draw.line([(cx - 130, y), (cx + 130, y)], fill=(132, 60, 44), width=2)
        for k in range(-2, 3):
            x = cx + k * 48
            draw.rectangle([x - 9, 240, x + 9, 300], fill=(60, 40, 40))
            draw.ellipse([x - 9, 230, x + 9, 250], fill=(60, 40, 40))
        draw.ellipse([cx - 130, 150, cx + 130, 190], fill=(120, 120, 118))
    return _jpeg(image)


def signature() -> bytes:
    """A handwritten-looking signature in ink on a transparent ground."""
    from PIL import Image, ImageDraw

    w, h = 600, 200
    image = Image.new("RGBA", (w, h), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    points = []
    for i in range(260):
        t = i / 259
        x = 30 + 520 * t
        y = 110 - 45 * math.sin(t * math.pi * 7) * (1 - 0.6 * t) - 25 * math.sin(t * math.pi * 2)
        points.append((x, y))
    draw.line(points, fill=(20, 30, 90, 255), width=5, joint="curve")
    draw.line([(60, 160), (520, 148)], fill=(20, 30, 90, 255), width=3)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


# -- letters of support ----------------------------------------------------------------------------------------

LETTERS = [
    ("Region Gävleborg", "Anders Berg, regional utvecklingsdirektör",
     "Region Gävleborg stöder ansökan om att vara värd för Generator 2012 i Gävle. Regionen har sedan 2009 drivit "
     "programmet KKN Gävleborg för de kulturella och kreativa näringarna, och konferensen är en naturlig del av "
     "det arbetet.\n\nRegionala utvecklingsnämnden har beslutat att stå som garant för konferensens budget upp "
     "till 500 000 kr, att bidra med 250 000 kr i kontanter och att ställa projektledning till förfogande under "
     "hela planeringen.\n\nVi ser fram emot att välkomna Generator till Gävleborg."),
    ("Almi Företagspartner Gävleborg, Affärsdesign KKN", "Karin Sjöberg, vd",
     "Almi Företagspartner Gävleborg stöder ansökan om Generator 2012 i Gävle. Genom projektet Affärsdesign KKN "
     "har vi arbetat med över hundra kreativa företag i länet, och konferensen ger dem en chans att möta kunder, "
     "investerare och kollegor från hela Norden.\n\nVi bidrar med workshopen om affärsdesign och med rådgivare "
     "under båda konferensdagarna, en insats i arbetstid värd 60 000 kr."),
    ("Movexum", "Johan Nilsson, verkställande direktör",
     "Movexum, inkubatorn i Gävleborg, stöder ansökan om Generator 2012. Vi har öppnat ett eget spår för kreativa "
     "startföretag, och flera av dem vill visa sitt arbete för konferensens deltagare.\n\nVi bidrar med "
     "förkvällen i inkubatorns lokaler, där startföretagen visar sitt arbete för deltagarna."),
    ("Gävle kommun", "Lena Holm, kommunalråd",
     "Gävle kommun stöder varmt ansökan om att vara värd för Generator 2012. Konferensen passar stadens arbete med "
     "att utveckla stationsområdet och de nya mötesplatserna vid Gavleån.\n\nKommunen bidrar med 15 000 kr i "
     "medfinansiering av en aktivitet som visar stadens kreativa företagare för deltagarna."),
    ("Bollnäs kommun", "Per Andersson, kommunstyrelsens ordförande",
     "Bollnäs kommun stöder ansökan om Generator 2012 i Gävle. Våra filmare och formgivare i Hälsingland har länge "
     "sökt en mötesplats av det här slaget, och en regional konferens gör det lättare för dem att delta.\n\n"
     "Kommunen bidrar med 15 000 kr i medfinansiering och ordnar gemensam resa för företagare från Bollnäs till "
     "konferensen."),
]


def letter(partner: str, signatory: str, body: str) -> bytes:
    """A one-page letter of support on the partner's letterhead, dated and signed."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=25 * mm,
                            bottomMargin=25 * mm, invariant=1, title=f"{partner}: stödbrev", author=partner)
    head = ParagraphStyle("head", fontName="Helvetica-Bold", fontSize=16, leading=20, spaceAfter=2)
    text = ParagraphStyle("text", fontName="Helvetica", fontSize=11, leading=16, spaceAfter=10)
    story = [Paragraph(partner, head), Paragraph("Gävle, 15 november 2011", text), Spacer(1, 14),
             Paragraph("Till urvalskommittén för Generator 2012", text),
             Paragraph("<b>Stöd för Gävles ansökan om Generator 2012</b>", text)]
    story += [Paragraph(block, text) for block in body.split("\n\n")]
    story += [Spacer(1, 30), Paragraph("Med vänliga hälsningar", text), Spacer(1, 24), Paragraph(signatory, text),
              Paragraph(partner, text)]
    doc.build(story)
    return out.getvalue()

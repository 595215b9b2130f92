//! The text table. Each key has a Dutch (B1) and an English text; the compiler checks both exist.
use super::Lang;

macro_rules! texts {
    ($($key:ident => $nl:literal, $en:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key { $($key),* }

        impl Key {
            #[cfg(test)]
            pub const ALL: &'static [Key] = &[$(Key::$key),*];

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Key::$key, Lang::Nl) => $nl, (Key::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

texts! {
    AppName => "Zorgroute", "Zorgroute";
    Tagline => "Samen de juiste hulp voor jonge kinderen, snel geregeld.", "Together, the right help for young children, arranged fast.";
    SkipToContent => "Naar de inhoud", "Skip to content";
    MainNavigation => "Hoofdmenu", "Main menu";
    NavMap => "Sociale kaart", "Social map";
    NavBoard => "Casusbord", "Case board";
    NavPlanner => "Planner", "Planner";
    NavLogin => "Inloggen", "Sign in";
    Logout => "Uitloggen", "Sign out";
    SwitchLanguage => "English", "Nederlands";
    SwitchLanguageLabel => "Switch to English", "Schakel naar Nederlands";
    SignedInAs => "Ingelogd als", "Signed in as";
    Loading => "Bezig met laden…", "Loading…";

    HomeTitle => "Zorgroute jonge kind", "Care route for young children";
    HomeIntro => "Soms heeft een peuter extra hulp nodig bij praten, bewegen of gedrag. Zorgroute helpt ouders en professionals om elkaar te vinden, zodat een kind snel op de best passende plek is.",
        "Sometimes a toddler needs extra help with speech, movement or behaviour. Zorgroute helps parents and professionals find each other, so a child quickly gets to the place that fits best.";
    HomeMapText => "Zoek hulp in de buurt: logopedie, opvoedvragen, ondersteuning op de groep en meer.", "Find help nearby: speech therapy, parenting questions, support in the group and more.";
    HomeBoardText => "Volg de route van elk kind, van eerste signaal tot de best passende plek.", "Follow each child's route, from the first signal to the best-fitting place.";
    HomePlannerText => "Reken groepen, personeel en geld uit met de ondersteuningspiramide.", "Work out groups, staff and money with the support pyramid.";

    MapTitle => "Sociale kaart", "Social map";
    MapIntro => "Hier vindt u organisaties en hulp voor jonge kinderen en hun ouders in uw gemeente.", "Here you find organisations and help for young children and their parents in your municipality.";
    MapSearchLabel => "Wat zoekt u?", "What are you looking for?";
    MapSearchHint => "Bijvoorbeeld: logopedie, praten, driftbuien", "For example: speech therapy, talking, tantrums";
    MapPostcode => "Uw postcode", "Your postcode";
    MapAge => "Leeftijd van uw kind", "Your child's age";
    MapAgeAny => "Maakt niet uit", "Any age";
    MapSearchButton => "Zoeken", "Search";
    MapFilters => "Filters", "Filters";
    MapFilterNeed => "Waar maakt u zich zorgen over?", "What are you worried about?";
    MapFilterType => "Soort hulp", "Kind of help";
    MapFilterLanguage => "Taal", "Language";
    MapFilterFinancing => "Wie betaalt?", "Who pays?";
    MapFilterLevel => "Waar krijgt uw kind hulp?", "Where does your child get help?";
    MapFilterOther => "Meer", "More";
    MapNoReferral => "Geen verwijzing nodig", "No referral needed";
    MapOpenNow => "Nu open", "Open now";
    MapAnyLanguage => "Alle talen", "All languages";
    MapClearFilters => "Alle filters wissen", "Clear all filters";
    MapResults => "resultaten", "results";
    MapOneResult => "resultaat", "result";
    MapNoResults => "Geen hulp gevonden. Probeer minder filters of een ander woord.", "No help found. Try fewer filters or another word.";
    MapSort => "Sorteren op", "Sort by";
    MapSortRelevance => "Beste match", "Best match";
    MapSortDistance => "Afstand", "Distance";
    MapSortName => "Naam", "Name";
    MapFor => "Voor", "For";
    MapCost => "Kosten", "Cost";
    MapReferral => "Verwijzing", "Referral";
    MapReferralViaPartner => "Aanvragen gaat via de opvang of het consultatiebureau", "Requested through the childcare or the child health clinic";
    MapDistance => "Afstand", "Distance";
    MapWait => "Wachttijd", "Waiting time";
    MapWeeks => "weken", "weeks";
    MapNoWait => "Geen wachttijd", "No waiting time";
    MapStale => "Niet recent gecontroleerd", "Not checked recently";
    MapPrevious => "Vorige", "Previous";
    MapNext => "Volgende", "Next";
    MapPageOf => "Pagina", "Page";
    MapResultsNav => "Pagina's met resultaten", "Result pages";
    MapViewMap => "Kaart", "Map";
    MapShowMap => "Toon op de kaart", "Show on the map";
    MapShowInList => "kies om het in de lijst te zien", "choose to see it in the list";
    MapUnavailable => "De kaart kan nu niet laden. De lijst werkt wel.", "The map cannot load right now. The list still works.";
    MapNear => "in de buurt van", "near";
    MapGuidedLink => "Welke hulp past bij mijn kind? Beantwoord vier vragen.", "Which help fits my child? Answer four questions.";
    ServiceWhat => "Wat is het?", "What is it?";
    ServiceForWhom => "Voor wie?", "Who is it for?";
    ServiceHow => "Hoe komt u er?", "How do you get there?";
    ServiceCost => "Wat kost het?", "What does it cost?";
    ServiceHours => "Openingstijden", "Opening hours";
    ServiceLanguages => "Talen", "Languages";
    ServiceAccess => "Toegankelijkheid", "Accessibility";
    ServiceContact => "Contact", "Contact";
    ServiceWhere => "Waar?", "Where?";
    ServiceChecked => "Laatst gecontroleerd", "Last checked";
    ServiceNeverChecked => "Nog nooit gecontroleerd", "Never checked";
    ServiceStaleWarning => "Deze informatie is meer dan een jaar niet gecontroleerd. Bel even om te vragen of het nog klopt.", "This information has not been checked for over a year. Call to ask whether it is still correct.";
    ServiceBack => "Terug naar zoeken", "Back to search";
    ServiceNotFound => "Deze hulp bestaat niet (meer).", "This service does not exist (any more).";
    ServiceWebsite => "Website", "Website";
    ServiceEmail => "E-mail", "E-mail";
    ServicePhone => "Telefoon", "Phone";
    ServiceNoHours => "Bel of mail voor een afspraak.", "Call or e-mail for an appointment.";
    ServiceClosed => "Tijdelijk gesloten", "Temporarily closed";
    ServiceOrganisation => "Organisatie", "Organisation";
    BoardTitle => "Casusbord", "Case board";
    PlannerTitle => "Ondersteuningspiramide-planner", "Support pyramid planner";
    PlannerIntro => "Reken uit hoeveel groepen, medewerkers en uren u nodig heeft, en hoe dat wordt betaald.", "Work out how many groups, staff and hours you need, and how it is paid for.";
    BoardFilters => "Filters", "Filters";
    BoardSearch => "Zoeken", "Search";
    BoardLocation => "Locatie", "Location";
    BoardMentor => "Mentor", "Mentor";
    BoardConcern => "Zorg over", "Concern";
    BoardAll => "Alle", "All";
    BoardMinDays => "Langer dan … dagen in fase", "More than … days in stage";
    BoardOnlyOverdue => "Alleen evaluatie te laat", "Only overdue evaluations";
    BoardOnlyMine => "Alleen mijn casussen", "Only my cases";
    BoardLanes => "Banen", "Swimlanes";
    BoardLanesNone => "Geen", "None";
    ConcernSpeech => "spraak en taal", "speech and language";
    ConcernBehaviour => "gedrag", "behaviour";
    ConcernMotor => "motoriek", "motor skills";
    ConcernSocial => "sociaal-emotioneel", "social-emotional";
    ConcernSenses => "zintuigen", "senses";
    ConcernMedical => "medisch", "medical";
    ConcernParenting => "opvoedvragen", "parenting questions";
    ConcernMultilingual => "meertaligheid", "multilingualism";
    BoardMoved => "verplaatst.", "moved.";
    BoardConflict => "Iemand anders heeft deze kaart net verplaatst. Het bord is bijgewerkt; probeer het opnieuw.", "Someone else just moved this card. The board is up to date now; try again.";
    BoardNeedsConsent => "eerst toestemming van de ouders vastleggen", "record the parents' consent first";
    BoardNeedsOutcome => "kies waar het kind terechtkomt", "choose where the child goes";
    BoardNeedsReasonBack => "terug in de route: geef een reden", "back in the route: give a reason";
    BoardNeedsReasonWip => "deze fase is vol: geef een reden", "this stage is full: give a reason";
    BoardConsentStage => "Voor deze fase is toestemming van de ouders nodig", "This stage needs the parents' consent";
    BoardConsentShort => "toestemming", "consent";
    BoardYears => "jr", "yrs";
    BoardMonths => "mnd", "mo";
    BoardDaysInStage => "dagen in fase", "days in stage";
    BoardConsentValid => "toestemming", "consent";
    BoardConsentMissing => "geen toestemming", "no consent";
    BoardEvaluationOverdue => "evaluatie te laat", "evaluation overdue";
    BoardMoveTo => "Verplaats naar", "Move to";
    BoardChooseStage => "Kies een fase…", "Choose a stage…";
    BoardOutcome => "Uitkomst", "Outcome";
    BoardChooseOutcome => "Kies een uitkomst…", "Choose an outcome…";
    BoardReason => "Reden", "Reason";
    BoardMove => "Verplaatsen", "Move";
    BoardCancel => "Annuleren", "Cancel";
    OutcomeRegularGroup => "Reguliere groep", "Regular group";
    OutcomePrimarySchool => "Basisschool (warme overdracht)", "Primary school (warm handover)";
    OutcomePlusGroup => "PeuterPlus of plusgroep", "PeuterPlus or plus group";
    OutcomeMkd => "MKD of ontwikkelcentrum", "Medical day care or development centre";
    OutcomeMovedAway => "Verhuisd", "Moved away";
    OutcomeOther => "Anders", "Other";
    CaseTitle => "Casus", "Case";
    CaseBack => "Terug naar het bord", "Back to the board";
    CaseExport => "Dossier downloaden (JSON)", "Download the file (JSON)";
    CaseAnonymise => "Anonimiseren", "Anonymise";
    CaseConfirmAnonymise => "Naam, geboortedatum en namen van ouders worden verwijderd. De casus verdwijnt van het bord; alleen de cijfers blijven. Doorgaan?", "Name, date of birth and parents' names will be removed. The case leaves the board; only the figures remain. Continue?";
    AccessTitle => "Wie heeft dit dossier ingezien", "Who has accessed this file";
    AccessExplain => "Ouders kunnen dit overzicht opvragen. Elke inzage en wijziging staat erin; het overzicht kan niet worden aangepast.", "Parents can ask for this overview. Every view and change is in it; it cannot be altered.";
    AccessShow => "Toon het overzicht", "Show the overview";
    AccessWhen => "Wanneer", "When";
    AccessWho => "Wie", "Who";
    AccessWhat => "Wat", "What";
    AccessOutcome => "Resultaat", "Outcome";
    AccessData => "Gegevens", "Data";
    AccessBasis => "Grondslag", "Basis";
    NotesTitle => "Notities", "Notes";
    NoteNew => "Nieuwe notitie", "New note";
    NoteOnlyOrganisation => "Alleen voor collega's van mijn organisatie", "Only for colleagues of my organisation";
    NoteAdd => "Notitie opslaan", "Save note";
    NoteSaved => "De notitie is opgeslagen.", "The note has been saved.";
    NoteTeam => "hele team", "whole team";
    NoteOrganisation => "eigen organisatie", "own organisation";
    PlanTitle => "Handelingsplan", "Action plan";
    GoalNew => "Nieuw doel", "New goal";
    GoalAdd => "Doel toevoegen", "Add goal";
    GoalSaved => "Het doel is toegevoegd.", "The goal has been added.";
    EvaluationsTitle => "Evaluaties (elke 6 weken)", "Evaluations (every 6 weeks)";
    EvaluationDate => "Datum evaluatie", "Date of evaluation";
    EvaluationSummary => "Wat is er besproken", "What was discussed";
    EvaluationAdd => "Evaluatie vastleggen", "Record evaluation";
    EvaluationSaved => "De evaluatie is vastgelegd; de volgende staat over 6 weken.", "The evaluation has been recorded; the next is in 6 weeks.";
    EvaluationNext => "volgende", "next";
    TasksTitle => "Taken", "Tasks";
    TaskNew => "Nieuwe taak", "New task";
    TaskAssignee => "Voor", "For";
    TaskNobody => "Nog niemand", "Nobody yet";
    TaskDue => "Klaar op", "Due";
    TaskAdd => "Taak toevoegen", "Add task";
    TaskSaved => "De taak is toegevoegd.", "The task has been added.";
    TaskDone => "De taak is afgerond.", "The task is done.";
    TaskMarkDone => "Afgerond", "Done";
    TaskOverdue => "te laat", "overdue";
    CaseStage => "Fase", "Stage";
    CaseTeam => "Team rond het kind", "Team around the child";
    CaseHistory => "Route tot nu toe", "Route so far";
    ConsentTitle => "Toestemming van ouders", "Parents' consent";
    ConsentExplain => "Zonder geldige toestemming worden geen gegevens gedeeld buiten de eigen kinderopvangorganisatie. Intrekken werkt direct.", "Without valid consent no data is shared outside the childcare organisation. Withdrawal takes effect at once.";
    ConsentWithdraw => "Intrekken", "Withdraw";
    ConsentWithdrawn => "De toestemming is ingetrokken.", "The consent has been withdrawn.";
    ConsentNotValid => "niet (meer) geldig", "not valid (any more)";
    ConsentRecord => "Toestemming vastleggen", "Record consent";
    ConsentRecorded => "De toestemming is vastgelegd.", "The consent has been recorded.";
    ConsentGivenBy => "Gegeven door (ouder of voogd)", "Given by (parent or guardian)";
    ConsentGivenOn => "Datum", "Date";
    ConsentMethod => "Hoe", "How";
    ConsentPaper => "Op papier", "On paper";
    ConsentDigital => "Digitaal", "Digitally";
    ConsentOrganisations => "Welke organisaties mogen gegevens krijgen", "Which organisations may receive data";
    ConsentValidUntil => "Geldig tot", "Valid until";
    ConsentSave => "Toestemming opslaan", "Save consent";
    RouteTitle => "Route aanpassen", "Edit the route";
    RouteIntro => "Geef fasen een naam, zet ze in volgorde, stel een maximum in en kies waar toestemming van ouders nodig is. Alleen lege fasen kunnen weg.", "Name the stages, put them in order, set a limit and choose where parents' consent is needed. Only empty stages can be removed.";
    RouteStage => "Fase", "Stage";
    RouteWip => "Maximum aantal casussen (leeg = geen)", "Maximum number of cases (empty = none)";
    RouteConsent => "Toestemming van ouders nodig", "Needs parents' consent";
    RouteCases => "casussen nu in deze fase", "cases in this stage now";
    RouteTerminal => "laatste fase: hier wordt de uitkomst vastgelegd", "last stage: the outcome is recorded here";
    RouteUp => "Omhoog", "Up";
    RouteDown => "Omlaag", "Down";
    RouteRemove => "Verwijderen", "Remove";
    RouteAdd => "Fase toevoegen", "Add a stage";
    RouteSaved => "De route is opgeslagen.", "The route has been saved.";
    RouteInUse => "Een fase met (eerdere) casussen kan niet weg. Verplaats eerst de casussen.", "A stage with (earlier) cases cannot be removed. Move the cases first.";
    InsightTitle => "Inzicht in de doorlooptijd", "Insight into lead time";
    InsightIntro => "Hoe lang duurt het van eerste signaal tot de best passende plek? In 2019 was dat gemiddeld tien maanden.", "How long does it take from the first signal to the best-fitting place? In 2019 it took ten months on average.";
    InsightLeadMedian => "Doorlooptijd, mediaan (maanden)", "Lead time, median (months)";
    InsightLeadP85 => "Doorlooptijd, 85% binnen (maanden)", "Lead time, 85% within (months)";
    InsightClosedPastTen => "Afgerond na meer dan 10 maanden", "Closed after more than 10 months";
    InsightOpenPastTen => "Nu langer dan 10 maanden onderweg", "Open for more than 10 months now";
    InsightCfd => "Cumulatieve flow per week", "Cumulative flow per week";
    InsightCfdTable => "De cijfers van de grafiek", "The figures behind the chart";
    InsightWeek => "Week van", "Week of";
    InsightThroughput => "Afgerond per maand", "Closed per month";
    InsightStages => "Tijd per fase", "Time per stage";
    InsightMedianDays => "Mediaan dagen in fase", "Median days in stage";
    InsightWip => "Nu in fase", "In stage now";
    InsightAging => "Mediaan dagen wachtend", "Median days waiting";
    InsightByOutcome => "Doorlooptijd per uitkomst", "Lead time per outcome";
    InsightByLocation => "Doorlooptijd per locatie", "Lead time per location";
    InsightGroup => "Groep", "Group";
    InsightCases => "Casussen", "Cases";
    InsightMedianMonths => "Mediaan (maanden)", "Median (months)";
    InsightP85Months => "85% binnen (maanden)", "85% within (months)";
    PlannerPyramid => "Ondersteuningspiramide", "Support pyramid";
    PlannerPyramidHelp => "Sleep de lijnen of gebruik de pijltjestoetsen om de lagen groter of kleiner te maken.", "Drag the lines or use the arrow keys to make the tiers larger or smaller.";
    PlannerTierExtra => "Extra ondersteuning (%)", "Extra support (%)";
    PlannerTierVe => "VE-indicatie (%)", "VE indication (%)";
    PlannerTierExtraShort => "Extra", "Extra";
    PlannerTierBasisShort => "Basis", "Basic";
    PlannerToddlers => "Peuters", "Toddlers";
    PlannerAge2 => "Peuters van 2 jaar", "Toddlers aged 2";
    PlannerAge3 => "Peuters van 3 jaar", "Toddlers aged 3";
    PlannerTiers => "Lagen van de piramide", "Tiers of the pyramid";
    PlannerLevels => "Extra ondersteuning naar plek (samen 100%):", "Extra support by place (together 100%):";
    PlannerLevelOnGroup => "Op de groep of locatie (%)", "On the group or location (%)";
    PlannerLevelOutsideGroup => "Buiten de groep (%)", "Outside the group (%)";
    PlannerLevelOutsideRegular => "Buiten de reguliere opvang (%)", "Outside regular childcare (%)";
    PlannerCategories => "Extra ondersteuning naar soort vraag (samen 100%):", "Extra support by kind of need (together 100%):";
    PlannerCatCatchUp => "Inhaalbaar (%)", "Can catch up (%)";
    PlannerCatFits => "Inpasbaar (%)", "Fits in the group (%)";
    PlannerCatNotFitting => "Niet-inpasbaar (%)", "Does not fit in the group (%)";
    PlannerOpening => "Openingstijden en locaties", "Opening hours and locations";
    PlannerHoursPerDay => "Uren per dagdeel", "Hours per session";
    PlannerVeDays => "Dagdelen per week VE-groep", "Sessions a week, VE group";
    PlannerBasisDays => "Dagdelen per week basisgroep", "Sessions a week, basic group";
    PlannerWeeks => "Weken per jaar", "Weeks a year";
    PlannerLocations => "Aantal locaties", "Number of locations";
    PlannerGroupSize => "Grootte basisgroep", "Size of a basic group";
    PlannerInterventions => "Extra inzet (lokaal beleid)", "Extra measures (local policy)";
    PlannerSmallerGroups => "Kleinere VE-groepen", "Smaller VE groups";
    PlannerSmallerSize => "Grootte kleinere VE-groep", "Size of a smaller VE group";
    PlannerExtraPm => "Extra PM per VE-groep (uur per week)", "Extra staff per VE group (hours a week)";
    PlannerConsultant => "Peuteropvang Plus: consulent per VE-groep (uur per week)", "Peuteropvang Plus: consultant per VE group (hours a week)";
    PlannerCoach => "Externe coach per locatie (uur per week)", "External coach per location (hours a week)";
    PlannerPlusGroup => "Plusgroep (PeuterPlus)", "Plus group (PeuterPlus)";
    PlannerPlusSize => "Grootte plusgroep", "Size of a plus group";
    PlannerPlusStaff => "Medewerkers per plusgroep", "Staff per plus group";
    PlannerKindCoach => "Kind-coach", "Child coach";
    PlannerKindCoachFte => "Kind-coach: FTE", "Child coach: FTE";
    PlannerKindCoachPer => "Kind-coach: per aantal groepen", "Child coach: per number of groups";
    PlannerDreumes => "Dreumesarrangement", "Young-toddler arrangement";
    PlannerDreumesChildren => "Aantal dreumesen", "Number of young toddlers";
    PlannerDreumesSize => "Grootte dreumesgroep", "Size of a young-toddler group";
    PlannerCostsInput => "Kosten", "Costs";
    PlannerHourlyCosts => "Kosten per uur en per kind (euro)", "Cost per hour and per child (euro)";
    PlannerContractHours => "Contracturen per FTE per week", "Contract hours per FTE a week";
    PlannerFinancing => "Financiering", "Financing";
    PlannerWhoPays => "Wie betaalt wat", "Who pays for what";
    PlannerSourceOwn => "Eigen budget", "Own budget";
    PlannerHow => "Hoe berekend?", "How was this computed?";
    PlannerInvalid => "Deze invoer kan niet worden doorgerekend", "This input cannot be computed";
    PlannerResults => "Uitkomst", "Result";
    PlannerWarnings => "Let op", "Attention";
    PlannerGroups => "Groepen", "Groups";
    PlannerGroupKind => "Soort groep", "Kind of group";
    PlannerGroupCount => "Groepen", "Groups";
    PlannerChildren => "Kinderen", "Children";
    PlannerPerGroup => "Max. per groep", "Max. per group";
    PlannerStaffPerGroup => "Medewerkers per groep", "Staff per group";
    PlannerPmHoursWeek => "Uren PM per week", "Staff hours a week";
    PlannerGroupBasis => "Basisgroep", "Basic group";
    PlannerGroupVe => "VE-groep", "VE group";
    PlannerGroupPlus => "Plusgroep", "Plus group";
    PlannerGroupDreumes => "Dreumesgroep", "Young-toddler group";
    PlannerStaff => "Personeel", "Staff";
    PlannerRole => "Functie", "Role";
    PlannerHoursWeek => "Uren per week", "Hours a week";
    PlannerHoursYear => "Uren per jaar", "Hours a year";
    PlannerRolePm => "Pedagogisch medewerker", "Pedagogical staff";
    PlannerRoleBeleid => "Pedagogisch beleidsmedewerker", "Pedagogical policy officer";
    PlannerRoleConsultant => "Consulent jeugdhulp", "Youth-care consultant";
    PlannerRoleKindCoach => "Kind-coach", "Child coach";
    PlannerRoleCoach => "Externe coach", "External coach";
    PlannerVeHours => "VE-uren per kind", "VE hours per child";
    PlannerVeReached => "norm gehaald", "norm reached";
    PlannerVeNotReached => "norm niet gehaald", "norm not reached";
    PlannerCosts => "Kosten per jaar", "Cost a year";
    PlannerCostItem => "Post", "Item";
    PlannerSource => "Betaald uit", "Paid from";
    PlannerAmount => "Bedrag", "Amount";
    PlannerCostBasis => "Basisgroepen", "Basic groups";
    PlannerCostVe => "VE-groepen", "VE groups";
    PlannerCostExtraPm => "Extra PM op de groep", "Extra staff on the group";
    PlannerCostPlus => "Plusgroepen", "Plus groups";
    PlannerCostDreumes => "Dreumesarrangement", "Young-toddler arrangement";
    PlannerCostBeleidVe => "Beleidsmedewerker VE", "Policy officer VE";
    PlannerCostBeleidGeneral => "Beleidsmedewerker algemeen", "Policy officer general";
    PlannerCostConsultant => "Consulent Peuteropvang Plus", "Peuteropvang Plus consultant";
    PlannerCostKindCoach => "Kind-coach", "Child coach";
    PlannerCostCoach => "Externe coach", "External coach";
    PlannerCostOutsideGroup => "Hulp buiten de groep (per kind per jaar)", "Help outside the group (per child a year)";
    PlannerCostOutsideRegular => "Plek buiten de reguliere opvang (per kind per jaar)", "Place outside regular childcare (per child a year)";
    PlannerScenario => "Scenario", "Scenario";
    PlannerPreset => "Startpunt", "Starting point";
    PlannerName => "Naam van het scenario", "Name of the scenario";
    PlannerMunicipality => "Gemeente", "Municipality";
    PlannerSave => "Opslaan", "Save";
    PlannerDuplicate => "Kopie maken", "Duplicate";
    PlannerDelete => "Verwijderen", "Delete";
    PlannerConfirmDelete => "Dit scenario verwijderen?", "Delete this scenario?";
    PlannerExportCsv => "Download CSV", "Download CSV";
    PlannerPrint => "Afdrukken", "Print";
    PlannerSaved => "Opgeslagen.", "Saved.";
    PlannerConflict => "Iemand anders heeft dit scenario net gewijzigd. Laad het opnieuw.", "Someone else just changed this scenario. Reload it.";
    PlannerOnlyManagersSave => "Alleen managers kunnen scenario's opslaan. U kunt wel rekenen en downloaden.", "Only managers can save scenarios. You can still calculate and download.";
    PlannerShareLink => "Link om te delen (voor managers van deze gemeente)", "Link to share (for managers of this municipality)";
    PlannerSavedScenarios => "Opgeslagen scenario's", "Saved scenarios";
    PlannerCompare => "Vergelijken", "Compare";
    PlannerCompareHint => "Kies 2 tot 4 scenario's om te vergelijken.", "Choose 2 to 4 scenarios to compare.";
    PlannerCompareTitle => "Scenario's vergelijken", "Compare scenarios";
    PlannerCompareExplain => "▲ hoger en ▼ lager dan het eerste scenario.", "▲ higher and ▼ lower than the first scenario.";
    PlannerBack => "Terug naar de planner", "Back to the planner";
    PlannerHigher => "hoger", "higher";
    PlannerLower => "lager", "lower";
    PlannerSame => "gelijk", "same";
    PlannerLiveCounts => "Neem aantallen over uit het casusbord", "Take the numbers from the case board";
    PlannerLiveApplied => "De lagen zijn bijgewerkt met de aantallen uit het casusbord.", "The tiers now use the numbers from the case board.";
    PlannerLiveOpen => "Open casussen", "Open cases";
    PlannerFigure => "Kengetal", "Figure";
    NeedLogin => "Log in om dit onderdeel te gebruiken.", "Sign in to use this part.";
    NoAccess => "Uw rol geeft geen toegang tot dit onderdeel. Vraag uw coördinator als u toegang nodig heeft.", "Your role does not give access to this part. Ask your coordinator if you need access.";

    LoginTitle => "Inloggen", "Sign in";
    LoginIntro => "Voor professionals van de partners in de zorgroute.", "For professionals of the partners in the care route.";
    Email => "E-mailadres", "E-mail address";
    Password => "Wachtwoord", "Password";
    LoginButton => "Inloggen", "Sign in";
    LoggingIn => "Bezig met inloggen…", "Signing in…";

    NotFoundTitle => "Pagina niet gevonden", "Page not found";
    NotFoundText => "Deze pagina bestaat niet (meer). Ga terug naar de start.", "This page does not exist (any more). Go back to the start.";

    ErrInvalidCredentials => "Het e-mailadres of het wachtwoord klopt niet.", "The e-mail address or the password is wrong.";
    ErrRateLimited => "Te veel pogingen. Wacht even en probeer het dan opnieuw.", "Too many attempts. Wait a moment and try again.";
    ErrUnavailable => "Zorgroute is even niet bereikbaar. Probeer het over een paar minuten opnieuw.", "Zorgroute cannot be reached right now. Try again in a few minutes.";
    ErrNetwork => "Geen verbinding. Controleer uw internet en probeer het opnieuw.", "No connection. Check your internet and try again.";
    ErrSessionEnded => "U bent niet (meer) ingelogd. Log opnieuw in.", "You are not signed in (any more). Please sign in again.";
    ErrForbidden => "Dit mag u niet doen met uw rol.", "Your role does not allow this.";
    ErrInvalidInput => "Controleer wat u heeft ingevuld.", "Check what you filled in.";
    ErrGeneric => "Er ging iets mis. Probeer het opnieuw.", "Something went wrong. Please try again.";

    FooterDemo => "Demoversie met verzonnen gegevens.", "Demo version with made-up data.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_both_languages_and_differs_where_it_should() {
        for key in Key::ALL {
            assert!(!key.text(Lang::Nl).is_empty(), "{key:?}");
            assert!(!key.text(Lang::En).is_empty(), "{key:?}");
        }
        assert_ne!(
            Key::LoginButton.text(Lang::Nl),
            Key::LoginButton.text(Lang::En)
        );
    }
}

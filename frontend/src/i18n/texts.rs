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
    BoardTitle => "Casusbord", "Case board";
    BoardIntro => "Het bord toont per kind de fase van de zorgroute. Alleen het team rond een kind ziet de gegevens, en alleen met toestemming van de ouders.", "The board shows the stage of each child's care route. Only the team around a child sees the details, and only with the parents' consent.";
    PlannerTitle => "Ondersteuningspiramide-planner", "Support pyramid planner";
    PlannerIntro => "Reken uit hoeveel groepen, medewerkers en uren u nodig heeft, en hoe dat wordt betaald.", "Work out how many groups, staff and hours you need, and how it is paid for.";
    ModuleComing => "Dit onderdeel wordt nu gebouwd. Binnenkort kunt u het hier gebruiken.", "This part is being built. Soon you can use it here.";
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

# Section text. Figures and dates come from data/report.toml.

## Summary

summary-title = Summary
summary-body =
    Havana and Moscow speak of “a new stage of cooperation”. The Kremlin has been
    tightening its economic ties with the island ever since Vladimir Putin came
    to power, but the invasion of Ukraine sped the rapprochement up so much that
    the report calls Cuba Putin’s *preferred ally*.^[[@acet-cfc; @voz-media].]

    Cuban support has four faces, which this summary takes in turn:
    1. votes at the United Nations;
    2. young Cubans fighting on the Russian side;
    3. a possible link to the so-called Havana syndrome;
    4. the oil Russia ships to an economy in crisis.
key-points-title = Key points
key-points =
    - In 2022, Cuba sided with Moscow in three votes at the United Nations.^[[@un-hrc-2022; @un-ga-2022-03; @un-ga-2022-09].]
    - Young Cubans, deceived, are fighting on the Russian side: between { $low } and { $high }, by The Wall Street Journal’s estimate.^[[@wsj], as cited in [@acet-cfc].]
    - An investigation by three newspapers links GRU Unit { $unit } to the so-called Havana syndrome.^[[@acet-cfc].]
    - Since the invasion of Ukraine, Cuba has received at least { NUMBER($oil, style: "currency", currency: "USD", notation: "compact") } worth of Russian oil.^[[@acet-cfc].]

## Diplomatic support

diplomacy-title = Diplomatic support
diplomacy-body =
    According to the report, Cuba acts as a constant loudspeaker for Kremlin
    propaganda, defending Moscow’s version of events at home and abroad. The
    state press repeats that Russia is “liberating” the Ukrainian people, and
    Cuban diplomacy turns that line into votes.^[[@acet-cfc].]

    In 2022, the year of the invasion, the Cuban delegation sided with Moscow in
    three key votes at the United Nations.
diplomacy-after =
    The backing goes beyond votes and media coverage. It includes visible
    military gestures, such as joint exercises in Venezuela in
    { NUMBER($exercises, useGrouping: "false") } and meetings between defence
    ministers.^[[@acet-cfc; @voz-media].]

vote-hrc = Cuba votes against holding an urgent debate on Ukraine at the Human Rights Council.^[[@un-hrc-2022].]
vote-unga = Cuba abstains, together with Nicaragua, in the General Assembly vote condemning the Russian invasion.^[[@un-ga-2022-03].]
vote-zelensky = Cuba votes against letting President Zelensky address the General Assembly by video.^[[@un-ga-2022-09].]
vote-date = { DATETIME($date, dateStyle: "long") }

## Cuban recruits

recruits-title = Cuban recruits at the front
recruits-body =
    Far from home, young Cubans are secretly fighting against Ukraine. Many say
    they were tricked: they travelled to Russia on the promise of construction
    jobs and ended up at the front.

    Frank Darío says he signed a contract written in Russian that he could not
    read; by the time he understood what was happening, he was firing from a
    bunker. Andorf Antonio Velázquez García and Alex Rolando Vega Díaz told a
    similar story: they were promised work clearing rubble and digging trenches,
    and on arrival they were handed a uniform, a rifle and orders to leave for
    Ukraine.^[Accounts collected in [@acet-cfc].]
recruits-quote = “We came to do masonry work.”
recruits-quote-source = Frank Darío, Cuban recruit, quoted in the report
recruits-estimate =
    Nobody knows how many Cubans are on the battlefield. The report cites an
    estimate by The Wall Street Journal: between { $low } and { $high } fighters.^[[@wsj], as cited in [@acet-cfc].]
recruits-denial =
    The Cuban government denies any responsibility and says it has dismantled an
    alleged ring trafficking fighters. The report’s sources doubt that account.
    Chris Simmons, a former DEA counterintelligence officer, notes that the
    regime’s first reaction when caught in a crime has usually been to deny it
    and jail a few people. Juan Antonio Blanco, a former Cuban intelligence
    officer, finds it “absolutely impossible” that Cuba has no link to the ring.^[Both accounts in [@acet-cfc].]
recruits-figure = Cubans fighting for Russia, by the estimate cited
recruits-range = { $low }–{ $high }

## Havana syndrome

havana-title = The Havana syndrome link
havana-body =
    An investigation by three newspapers points to a possible “Russian nexus” in
    the cases of the so-called Havana syndrome. According to it, GRU Unit
    { $unit }, part of Russian military intelligence, may have used non-lethal
    acoustic weapons against American diplomats and their families in several
    countries.

    The first cases were recorded in the Cuban capital in
    { NUMBER($year, useGrouping: "false") }: several officials heard loud noises
    and suffered dizziness, migraines and insomnia. In the view of the { -acet },
    the unit could not have operated on Cuban soil without the permission, or at
    least the knowledge, of the island’s government.^[[@acet-cfc].]

## Economic support

economy-title = Economic support
economy-body =
    Since the invasion of Ukraine, Cuba has received at least
    { NUMBER($oil, style: "currency", currency: "USD", notation: "compact") } worth
    of Russian oil, the largest amount to reach the island since the collapse of
    the Soviet Union.^[[@acet-cfc].]

    That help is vital to a government trying to balance its books in the middle
    of a crisis. Food and medicine are scarce, blackouts hit most of the country,
    and people have taken to the streets shouting “No bread, no electricity!”.^[[@acet-cfc; @voz-media].]
economy-wfp =
    In { DATETIME($date, month: "long", year: "numeric") }, for the first time in
    its history, Cuba asked the UN World Food Programme for help: it could no
    longer hand out subsidised milk to children under { $age }.^[[@wfp-2024; @voz-media].]
economy-figure = in Russian oil since the invasion of Ukraine
economy-oil = { NUMBER($oil, style: "currency", currency: "USD", notation: "compact") }

## “A love relationship”

interview-title = “A love relationship”
interview-body =
    Matías Jove, executive director of the { -acet }, spoke with Voz Media about
    the close ties between Havana and Moscow, which he sums up in a few words:
    “a love relationship”.^[[@voz-media].]

    The conversation turns on four questions:
    1. when it all began;
    2. what Russia gains;
    3. what Cuba gains;
    4. what it means for the United States.

## What the pieces add up to

conclusions-title = What the pieces add up to
conclusions-body =
    None of these pieces is enough on its own to speak of an alliance. Together
    they draw something else: a government that lends Moscow its vote in
    international forums and its voice in propaganda, and from whose territory
    young men end up at the front, while it receives in return the fuel it needs
    to stay afloat.^[[@acet-cfc].]

    Several pieces remain unconfirmed. Nobody knows the exact number of Cuban
    fighters, the island’s government denies any role in the recruitment, and
    the link to the Havana syndrome comes from a press investigation, not an
    official one.^[[@acet-cfc; @wsj].]

## About this summary

about-title = About this summary
about-body =
    This document summarises, in its own words, the report *Cuba, el aliado
    preferido de Putin* by the { -acet } and the { -cfc }, and the article Voz
    Media devoted to it.^[[@acet-cfc; @voz-media].] Figures, dates and
    quotations come from those two sources; they have not been checked against
    others here.

    Quotations are short and name their speaker. Each note points to the list of
    sources at the end, which every edition builds from one and the same
    bibliography file.

## Sources

sources-note = This summary is a sample edition of the *report* tool. Figures and dates come from the Voz Media article; the text is our own.

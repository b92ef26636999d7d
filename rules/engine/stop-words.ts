/**
 * Words the fuzzy stage never reads as a misspelt drug. A clinical screen is mostly ordinary English
 * and prescribing vocabulary; a token that is a real word was written on purpose, so flagging it
 * ("lyrics" as Lyrica, "concert" as Concerta, "lithe" as lithium) would teach the GP to ignore us.
 *
 * Three groups, all normalised (lower case, letters only, length ≥ 5 since shorter tokens are never
 * fuzzed): dose-form and prescribing words; everyday English seen in notes; and English words found
 * within the fuzzy stage's reach of a medicine name (found by scanning a British/American word list
 * against the core pack and KNOWN_MEDICINES with the shipped thresholds; re-run when thresholds or the
 * lexicon change — see rules/engine/fuzzy.test.ts "English collisions").
 */
const PRESCRIBING = `
tablet tablets capsule capsules caplet caplets sachet sachets solution suspension syrup elixir
liquid liquids oral orally sublingual buccal transdermal patch patches cream creams ointment
ointments lotion lotions drops inhaler inhalers nebuliser nebules injection injections infusion
implant implants powder granules lozenge lozenges pastille pastilles spray sprays pessary pessaries
suppository suppositories enema gel gels foam shampoo dispersible effervescent chewable soluble
gastro resistant modified release prolonged extended delayed standard strength strengths
lyophilisate orodispersible film coated sugar free sugarfree
daily twice three times weekly monthly hourly nightly morning mornings evening evenings night
nights bedtime breakfast lunch dinner supper meals needed required when directed direct
directions dose doses dosage dosing units micrograms microgram milligram milligrams grams litre
litres millilitre millilitres quantity quantities supply supplied issue issued issues reissue
repeat repeats repeated acute courses course review reviewed reviews reviewing medication
medications medicine medicines prescription prescriptions prescribe prescribed prescriber
prescribing dispense dispensed dispensing pharmacy pharmacist pharmacists chemist surgery
clinic clinics clinician clinical practice practices patient patients doctor doctors nurse
nurses consultant consultants specialist specialists hospital hospitals discharge letter
letters referral referrals refer referred appointment appointments record records allergy
allergies allergic sensitivity sensitivities intolerance reaction reactions adverse effect
effects effective side warning warnings caution contraindicated interaction interactions
monitor monitoring monitored blood bloods level levels serum plasma renal hepatic liver kidney
kidneys function functions test tests result results normal abnormal range ranges stable
unstable titrate titration increase increased increasing reduce reduced reducing reduction
taper tapering withdraw withdrawal withdrawn stop stopped stopping start started starting
continue continued continuing change changed changing switch switched maximum minimum
total every other before after with without food water shared agreement protocol protocols
initiation initiated initiate commissioned service services dependence dependent addiction
addictive opioid opioids opiate opiates benzodiazepine benzodiazepines hypnotic hypnotics
sedative sedatives analgesic analgesics analgesia gabapentinoid gabapentinoids antidepressant
antidepressants antipsychotic antipsychotics anticonvulsant anticonvulsants antiepileptic
stimulant stimulants controlled schedule schedules generic generics branded brand brands
formulary formularies category categories position advice source sources limited company pfizer
manufacturer hydrochloride hydrobromide tartrate sulfate sulphate phosphate carbonate citrate
sodium potassium calcium magnesium acetate maleate fumarate mesilate besilate succinate
diagnosis diagnoses condition conditions history problem problems active inactive current
past ongoing chronic severe moderate relief symptoms symptom pain painful anxiety depression
insomnia sleep sleeping epilepsy seizure seizures bipolar disorder schizophrenia arthritis
rheumatoid psoriasis lupus cancer diabetes asthma hypertension angina fibrillation smoking
cessation alcohol drugs replacement weight height pulse pressure temperature
`;

const EVERYDAY = `
about above across again against along already although always among another answer anyone
anything around asked being below between beyond bring brought building called cannot carry
cause certain chair clear close closed could couldn counted cover daughter different doing
during early either enough entered especially even event every everyone everything example
family father feeling fever first follow following found friday friend friends front given
going great group happy heard heart hello help here house however human important inside
instead journal kitchen known large later least leave leaving light little lives local
longer making married matter maybe means meeting member might minute minutes moment monday
months mother moved music never news next nothing notes number often order other others
outside paper parent parents partner people perhaps person phone place plans please point
possible present probably question quick quite rather ready really reason recent recently
right round saturday school second seems seven several shall short should since sister small
social someone something sometimes soon sorry sound speak still story street student study
sunday taken taking telephone thank thanks their there these thing things think third those
though thought through thursday today together tomorrow tonight towards tuesday under until
usual usually various visit visited walking watch weather wednesday where which while whole
whose within without woman women world would write writing wrong years yesterday young
yours january february march april june july august september october november december
address postcode email mobile contact details status signed name names title first middle
surname forename gender female male birth dated update updated updates system systems screen
screens summary record search filter click print printed button select selected option options
`;

/**
 * English words within fuzzy reach of a medicine name (one edit away for 5–7 letters, two for
 * longer, or a long-enough prefix of one). The last line came from GP-system condition terms (GM SDE
 * code sets): biochemistry words near cytisine, and Read v2's "medicin" for medicine; "medica"
 * from a maker's name in dm+d product terms ("(ASTA Medica Ltd)"); "coils", whose sound skeleton is
 * that of the index brand "Collis Browne's" (found once the collision test read index names too).
 */
const COLLISIONS = `
lithe lithia litho lithos lyric lyrics lyrical concert concerts concerted concerti concerto
concertos concetta methods method telex buttes aspiring augment augmented augmenting dioxin
dioxins frolic herein heroine heron immigrant sedna sheena looses losses heroins hydrae
medial medically medicals medicinally
cytosine cytidine medicin medicina medica coils
`;

function parseWords(block: string): string[] {
  return block.split(/\s+/).filter((w) => w.length > 0);
}

/** Normalised words the fuzzy stage skips. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  ...parseWords(PRESCRIBING),
  ...parseWords(EVERYDAY),
  ...parseWords(COLLISIONS),
]);

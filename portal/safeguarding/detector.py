"""Finding crisis and safeguarding content in what a family writes, before anything else reads it.

This is deliberately not the intent classifier. A classifier trained on process questions hears
"i just want it all to stop" as *stop*; a rule that misses a parent in crisis is worse than one that
shows the helpline numbers to somebody who did not need them. So the rules below are written for
recall on the wording people use when they are at the end of their strength (indirect, misspelt,
run-on, text-speak), and then narrowed by the few things that reliably make a match harmless
(an accident in the playground, a figure of speech about a delay, a policy question).

Pure Python with no Django import: the chat bridge calls it on every message, in any state, with
Rasa, the action server, Redis or the database down. ``tests/chatbot/safety_cases/`` holds the
evaluation sets (concerns and near misses) that gate it.
"""

import re
import unicodedata
from dataclasses import dataclass

# The kinds of concern, most urgent route first when a message holds more than one.
SUICIDE_SELF_HARM = "suicide_self_harm"
HARM_TO_OTHERS = "harm_to_others"
CHILD_AT_RISK = "child_at_risk"
STAFF_ABUSE = "staff_abuse"
DOMESTIC_ABUSE = "domestic_abuse"
CATEGORIES = (SUICIDE_SELF_HARM, HARM_TO_OTHERS, CHILD_AT_RISK, STAFF_ABUSE, DOMESTIC_ABUSE)
LABELS = {
    SUICIDE_SELF_HARM: "Suicide or self-harm",
    HARM_TO_OTHERS: "Harm to others",
    CHILD_AT_RISK: "A child at risk",
    STAFF_ABUSE: "Abuse or restraint by someone who works with children",
    DOMESTIC_ABUSE: "Domestic abuse",
}


@dataclass(frozen=True)
class Concern:
    """What a message was found to hold: its kinds (most urgent first), whether it is about a
    child (the child's own self-harm adds Childline) and whether it says the danger is now."""

    categories: tuple[str, ...]
    about_child: bool = False
    immediate: bool = False
    # Only a sign that is often innocent matched: screening asks the classifier to agree.
    weak: bool = False

    @property
    def primary(self):
        return self.categories[0]


# --- Normalising what people type ----------------------------------------------------------------

# Words that carry a concern, spelt right. A typed word one slip away from one of these (a letter
# missing, doubled, swapped or wrong) is read as it; short words are left alone, where one slip
# makes another real word ("hurt" / "hunt").
KEY_WORDS = [
    "suicide",
    "suicidal",
    "suicidel",
    "myself",
    "himself",
    "herself",
    "themselves",
    "themself",
    "yourself",
    "overdose",
    "overdosed",
    "overdosing",
    "killing",
    "kill",
    "killed",
    "kills",
    "killer",
    "hurting",
    "harming",
    "harmed",
    "restrained",
    "restraining",
    "restraint",
    "dragged",
    "dragging",
    "pinned",
    "bruises",
    "bruised",
    "bruising",
    "strangled",
    "strangling",
    "choked",
    "choking",
    "punched",
    "punches",
    "punching",
    "kicked",
    "kicking",
    "slapped",
    "slapping",
    "smacked",
    "smacking",
    "abused",
    "abusing",
    "abusive",
    "abuse",
    "threatening",
    "threatened",
    "threatens",
    "hitting",
    "beating",
    "beaten",
    "molested",
    "grooming",
    "groomed",
    "touching",
    "sexually",
    "sexual",
    "paracetamol",
    "tablets",
    "anymore",
    "everything",
    "anything",
    "pointless",
    "hopeless",
    "worthless",
    "breaking",
    "domestic",
    "violence",
    "violent",
    "controlling",
    "frightened",
    "terrified",
    "scared",
    "afraid",
    "seclusion",
    "isolation",
    "locked",
    "locking",
    "neglect",
    "neglected",
    "starving",
    "hanging",
]
_KEY_WORD_SET = frozenset(KEY_WORDS)

# Common spellings and text-speak, one word to one or more words.
REWRITES = {
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "cannot": "can not",
    "cnt": "can not",
    "carnt": "can not",
    "wont": "will not",
    "wouldnt": "would not",
    "couldnt": "could not",
    "isnt": "is not",
    "im": "i am",
    "ive": "i have",
    "hes": "he is",
    "shes": "she is",
    "theyre": "they are",
    "theres": "there is",
    "whats": "what is",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "u": "you",
    "urself": "yourself",
    "yourselfs": "yourself",
    "15yo": "15 year old",
    "yo": "year old",
    "ur": "your",
    "r": "are",
    "pls": "please",
    "tho": "though",
    "cos": "because",
    "coz": "because",
    "bc": "because",
    "b4": "before",
    "any1": "anyone",
    "some1": "someone",
    "kms": "kill myself",
    "kys": "kill yourself",
    "unalive": "kill",
    "unaliving": "killing",
    "unalived": "killed",
    "sh": "self harm",
    "selfharm": "self harm",
    "selfharming": "self harming",
    "self-harm": "self harm",
    "sewerslide": "suicide",
    "suicde": "suicide",
    "sucide": "suicide",
    "suiside": "suicide",
    "suacide": "suicide",
    "sucidal": "suicidal",
    "suicdal": "suicidal",
    "suisidal": "suicidal",
    "suicidle": "suicidal",
    "kil": "kill",
    "kiling": "killing",
    "hurtin": "hurting",
    "harmin": "harming",
    "tryna": "trying to",
    "wiv": "with",
    "nuffin": "nothing",
    "nothin": "nothing",
    "anymoe": "anymore",
    "anymor": "anymore",
    "ta's": "ta",
    "tas": "ta",
    "mum's": "mum",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "hubby": "husband",
}


def _one_slip(word, target):
    """True when ``word`` is ``target`` with one letter missing, added, changed or two swapped."""
    if abs(len(word) - len(target)) > 1 or word[0] != target[0]:
        return False
    if len(word) == len(target):
        diffs = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and word[diffs[0]] == target[diffs[1]]
            and word[diffs[1]] == target[diffs[0]]
        )
    short, long_ = (word, target) if len(word) < len(target) else (target, word)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _spelled(word):
    if word in _KEY_WORD_SET or len(word) < 6 or not word.isalpha():
        return word
    for target in KEY_WORDS:
        if len(target) >= 6 and _one_slip(word, target):
            return target
    return word


def normalise(text):
    """Lower case, plain letters, apostrophes dropped, spelling and text-speak made standard."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[’‘`´']", "", text)
    text = text.replace("a&e", " ae ").replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = re.sub(r"([a-z])\1{2,}", r"\1\1", text)  # "sooooo" -> "soo"
    words = []
    for word in text.split():
        word = REWRITES.get(word, word)
        words.extend(_spelled(part) for part in word.split())
    text = " ".join(words)
    # Repeated letters collapsed above can leave a doubled one: "pleeease" -> "please" is not
    # needed, but "anymoree" is; words that matter are matched by their stems below.
    return f" {text} "


# --- The rules -----------------------------------------------------------------------------------
# Each rule is a regular expression over the normalised text (single spaces, a space at each end).
# ``W`` is "up to N other words".


def _words(count):
    return rf"(?: \w+){{0,{count}}}"


ME = r"(?:myself|my self|meself)"
YOURSELF = r"(?:yourself|urself|your self)"
THEM_SELF = r"(?:himself|herself|themselves|themself|his self|her self|theirselves)"
CHILD = (
    r"(?:he|she|they|him|her|them|son|daughter|child|children|kid|kids|boy|girl|lad|teen|teenager|"
    r"stepson|stepdaughter|grandson|granddaughter|nephew|niece|brother|sister|young person|baby)"
)
HARM_VERB = (
    r"(?:kill|killing|killed|kills|hurt|hurting|hurts|harm|harming|harmed|harms|cut|cutting|cuts|"
    r"hang|hanging|hanged|strangle|strangling|strangled|burn|burning|burnt|starve|starving|poison|"
    r"poisoning|punch|punching|hit|hitting|scratch|scratching|bang|banging|stab|stabbing|choke|"
    r"choking|drown|drowning|end|ending|ended)"
)
WANT = (
    r"(?:want|wants|wanted|wanting|wish|wishes|wished|going|plan|plans|planning|planned|thinking "
    r"(?:of|about)|thought (?:of|about)|thoughts of|tempted|trying|tried|tries|try|threaten|threatens|"
    r"threatened|threatening|ready|about|would like|keep thinking about|talks about|talking about|"
    r"talked about|says he wants|says she wants|says they want|said he wanted|said she wanted|"
    r"feel like|feels like|felt like|urge|urges)"
)
STAFF = (
    r"(?:teacher|teachers|ta|teaching assistant|staff|senco|head|headteacher|head teacher|deputy|"
    r"school|nursery|carer|carers|care worker|support worker|worker|respite|escort|driver|taxi|"
    r"bus|minibus|therapist|nurse|childminder|tutor|coach|pa|key worker|keyworker|lsa|1 1|"
    r"one to one|1 to 1|dinner lady|lunchtime|caretaker|unit|residential|foster|social worker|"
    r"home staff|the home|instructor|club|leader|officer|police|lecturer|lecturers|college|head of year|pe teacher|respite home|"
    r"(?:man|woman|lady|guy|bloke|person|someone) (?:who|that) works|works nights|night staff)"
)
PARTNER = (
    r"(?:partner|husband|wife|ex|boyfriend|girlfriend|fiance|fiancee|ex husband|ex wife|"
    r"ex partner|spouse|his dad|her dad|their dad|the kids dad|the childrens dad|their father|"
    r"(?:sons|daughters|kids|childrens|childs|babys|boys|girls) (?:dad|father|mum|mother)|"
    r"his father|her father|childs father|babys dad|stepdad|step dad|other half)"
)

RULES = {
    SUICIDE_SELF_HARM: [
        r" suicid",
        r" self harm",
        r" self injur",
        r" overdos",
        rf" {HARM_VERB} {ME}\b",
        rf" {HARM_VERB} {THEM_SELF}\b",
        rf" (?:how to|ways to|want to|going to) {HARM_VERB} {YOURSELF}\b",
        r" (?:drive|driving|drove|crash|crashing) (?:the car |my car |the car off )?(?:into|off) (?:a|the) "
        r"(?:wall|tree|bridge|lorry|river|road)",
        r" no way out",
        r" (?:written|wrote|writing|write|left) (?:them|him|her|the kids|my kids|my children|my family|"
        r"everyone)(?: \w+){0,2} (?:letters?|notes?|goodbye)",
        r" (?:note|letter|message|text)(?: \w+){0,5} (?:saying )?(?:goodbye|sorry for everything)",
        r" (?:on|off|from|to) (?:the|a) (?:bridge|roof|ledge|cliff|railway line|train tracks)\b",
        r" (?:nearly|almost) (?:jumped|did it|went through with it|ended it)",
        r" jump (?:out of|off|from|in front of)",
        r" (?:a load of|loads of|the whole (?:box|packet|bottle) of|a handful of|all of (?:my|her|his)) "
        r"(?:pills|tablets|paracetamol|meds|medication)",
        r" (?:scratch\w*|cut\w*|pick\w*|bang\w*|hit\w*|punch\w*|bit|bites|biting|burn\w*) (?:her|his|their|my)"
        r" (?:legs|arms|wrists|skin|face|head|thighs|hands)(?: \w+){0,6} (?:bleed|bleeds|bleeding|bled|blood|raw)",
        r" (?:until|till|til|untill) (?:they|it|she|he|i) (?:bleed|bleeds|bled)",
        r" (?:hose ?pipe|hosepipe|noose|ligature|exhaust pipe)",
        r" (?:painless|quick|quickest|easiest|best) (?:way|ways) (?:to )?(?:go|die|end|do it|kill)",
        r" (?:rather|sooner) (?:be )?(?:dead|die)",
        r" (?:climbed|climbing|standing|stood|sat|sitting|got) (?:on|onto|up on|at the edge of) (?:the |a |his "
        r"|her )?(?:bannister|banister|roof|ledge|window ?sill|windowsill|bridge|railings?|balcony)",
        r" (?:going|gonna|threaten\w*|wants?|wanted|about) to jump\b",
        r" (?:how many|enough) (?:\w+ ){0,3}(?:to|before (?:it|they)) (?:kill|die|kills)",
        r" before it kills",
        r" (?:thought|thinking|planned|planning|worked out) (?:about )?how (?:i would|i will|i could|to|id) "
        r"(?:do it|end it|go|die)",
        r" (?:so|so that) (?:i|he|she|they) (?:can|could|will|would) die",
        r" (?:giving|given|gave) (?:away )?(?:all )?(?:his|her|their|my) (?:things|stuff|belongings|toys|"
        r"games|possessions) away",
        r" deserves? to die",
        r" (?:happier|better|easier) (?:off )?if (?:i|he|she|they) (?:was|were|am|is) (?:dead|gone|not here|"
        r"not around|never born)",
        r" (?:want\w*|wish\w*|hop\w*|asking for) (?:a|the) (?:car|bus|train|lorry) (?:to )?(?:hit|run)",
        r" (?:is|was) (?:my|her|his|their) last (?:night|day)",
        r" (?:last night|last day) (?:on earth|alive|ever)",
        r" (?:stopped|stop|not) eating(?: \w+){0,6} (?:die|dead|disappear|deserve)",
        rf" {HARM_VERB} my (?:own )?life",
        r" take my (?:own )?life",
        r" taking my (?:own )?life",
        r" (?:end|ending|finish) (?:it all|everything|my life|it now|it tonight|it for good|things for good|myself)\b",
        r" (?:end|ending) (?:things|it|this)\b(?! (?:with|before|early|off|up|by|and|at|for (?:the|my|our)|complaint|"
        r"request|process|appeal|call|chat|conversation|form|meeting|review|plan|contract|placement|agency|tutor))",
        rf" {WANT}(?: to)? (?:die|be dead|dead|not be here|not be alive|not exist|not wake up|"
        r"disappear forever|go to sleep forever|sleep forever)",
        r" (?:do not|not|no longer|never) (?:want|wish|wanna) (?:to )?(?:be here|be alive|live|exist|"
        r"wake up|carry on|go on|keep going|be around)",
        r" (?:not|never) (?:to )?(?:wake|waking) up",
        r" better off (?:without me|dead|if i (?:was|were) (?:gone|dead|not here))",
        r" (?:no|not see the|not see any|can not see the|can not see any|is the|see no|lost all) "
        r"(?:point|reason|will) (?:in |of |to |for )?(?:anything|living|life|going on|carrying on|"
        r"being here|being alive|it all|any of it|me being here|staying|anymore|trying anymore|"
        r"getting up|live|me)\b",
        r" (?:want|wants|need|needs|wish) (?:it all|everything|all of it|the pain|this pain|all this|"
        r"it all just|everything just) (?:to )?(?:stop|end|go away|be over)",
        r" can not (?:go on|carry on|keep going|take (?:it|this|anymore|no more|much more)|cope "
        r"anymore|do (?:this|it|life) anymore|live like this|be here|face (?:tomorrow|another day))",
        r" (?:at|reached) (?:my )?breaking point",
        r" (?:i have|got|saved|saving|stockpil\w*|collect\w*|ready)(?: \w+){0,3} "
        r"(?:pills|tablets|paracetamol|rope)",
        r" (?:took|taken|swallowed|take) (?:a lot of|all (?:my|the|of my|of the)|loads of|too many|"
        r"a handful of|a bottle of|a packet of|a box of|\d+) (?:pills|tablets|paracetamol|meds)",
        r" (?:jump|jumping|throw myself) (?:off|in front|from)",
        r" (?:goodbye|suicide) (?:note|letter|message)",
        r" (?:wish|wished) i (?:was|were|could be) (?:dead|gone|never born)",
        r" (?:plan|plans) to end",
        r" no one would (?:miss|notice|care) (?:me|if i)",
        r" (?:nobody|no one|noone) would (?:miss|notice|care if) (?:me|i)",
        r" everyone would be better",
        r" (?:give|giving) up on (?:life|everything|living)",
        r" cutting (?:again|on (?:his|her|their|my) (?:arms|legs|wrists)|(?:his|her|their|my) "
        r"(?:arms|legs|wrists))",
        r" (?:cuts|marks|scars) on (?:his|her|their|my) (?:arms|legs|wrists|thighs)",
        r" (?:head ?banging|bangs his head|bangs her head|banging his head|banging her head)"
        r" (?:until|till) (?:it bleeds|he bleeds|she bleeds|bleeding)",
        r" want to disappear",
        r" wants to disappear",
    ],
    HARM_TO_OTHERS: [
        r" (?:going to|will|want to|wants to|could|might|scared i will|scared i might|afraid i will|"
        r"afraid i might|worried i will|worried i might|frightened i will|frightened i might|feel "
        r"like i could|feel like i might|tempted to|i am going to|i will|i am gonna|ready to) "
        r"(?:really )?(?:hurt|kill|harm|hit|strangle|smother|shake|stab|attack|batter|throttle|strike)"
        r" (?:him|her|them|my (?:son|daughter|child|kids|kid|children|baby|boy|girl|husband|wife|"
        r"partner)|someone|somebody|the (?:baby|child|kids|caseworker|teacher|head|senco|staff))\b",
        r" (?:knife|knives|blade|gun|weapon|machete|scissors)\b(?: \w+){0,10} (?:threat\w*|stab\w*|"
        r"kill|hurt|attack\w*|waving|waved|pulled|brought|carrying|carried|held|holding|chased)",
        r" (?:threat\w*|stab\w*|kill|hurt|attack\w*|waving|waved|pulled|brought|carrying|carried|held|"
        r"holding|chased)(?: \w+){0,8} (?:knife|knives|blade|gun|weapon|machete)\b",
        r" threaten\w* to (?:kill|stab|hurt|shoot|attack|burn|strangle|harm) (?!(?:him|her|them)sel)",
        r" (?:shake|shook|shaking|smother|smothering) (?:the|my) baby",
        r" lost my temper and (?:hit|hurt|grabbed|shook)",
        r" (?:i will|ill|i am going to|i swear|swear i will|swear ill)(?: \w+){0,5} (?:hurt|kill|stab|smash|"
        r"batter|punch|hit|strangle) (?:her|him|them|someone|somebody|you|that)\b",
        r" (?:scared|afraid|frightened|terrified|worried) (?:of )?what (?:i will|ill|i might|i could|i would) do",
        r" stop myself (?:from )?(?:hitting|hurting|killing|shaking|strangling|smacking|lashing)",
        r" burn (?:the|his|her|their|our|my) (?:school|house|home|building|flat)(?: \w+){0,2} down",
        r" with everyone in it",
        r" (?:want|wants|wanted|going|plans?|planning|threaten\w*|list of (?:\w+ ){0,3}(?:he|she|they) "
        r"(?:wants?|want) to) (?:to )?(?:kill|stab|shoot|murder)\b(?! (?:my|him|her|them|your)sel)",
        r" (?:kids|people|children|pupils|teachers) (?:he|she|they) wants? to (?:kill|hurt|stab|shoot)",
        r" (?:chased|chasing|chases|attack\w*|threaten\w*|went for|came at|goes for|hit|hits)(?: \w+){0,8} "
        r"with (?:a|the|his|her|my) (?:hammer|knife|bat|axe|stick|scissors|brick|bottle|screwdriver|weapon|"
        r"belt|chair)",
        r" (?:pillow|cushion|hands?) (?:over|round|around) (?:her|his|their) (?:face|mouth|neck|throat)",
        r" (?:kill|stab|shoot|batter|attack|murder) the (?:head|headteacher|head teacher|teacher|senco|"
        r"caseworker|staff|driver|principal|social worker)",
        r" (?:get|got|grab|grabbed|fetch|bring|brought|took|pick up|picked up|carrying|carries|found|buy|"
        r"bought) (?:a|the|his|her|my) (?:knife|knives|gun|blade|machete|axe)",
        r" finish (?:her|him|them) off",
        r" burn (?:\w+ ){1,3}down\b",
        r" with (?:people|everyone|them|kids|children|staff) (?:inside|in it|in there)",
        r" (?:acid|petrol bombs?|pipe bombs?|nail bombs?)\b",
        r" (?:hit ?list|kill ?list|list of (?:names|people|kids|children|pupils|teachers)(?: \w+){0,6} (?:kill|hurt|"
        r"get|revenge|pay|from)\b)",
        r" (?:going to|gonna|will|threaten\w* to|wants? to) use (?:it|them|the \w+) on (?:his|her|their|my|the|him|"
        r"them|someone|people)\b",
        r" urges? to (?:hurt|kill|harm|attack|stab|strangle)(?! (?:my|him|her|them)sel)",
        r" shoot\w* (?:the|him|her|them|kids|people|someone|everyone|his|her)\b",
        rf" {CHILD}(?: \w+){{0,3}} (?:tried to |trying to |tries to |wants to )?(?:strangle|strangled|strangling|"
        r"choke|choked|choking|smother\w*|throttl\w*) (?:his|her|their|my|the|him|her|them)\b",
        r" make (?:her|him|them|you) pay\b",
        r" i know where (?:\w+ ){0,3}lives",
        r" (?:do not|never) trust myself (?:with|around|near)",
        r" (?:i|ill|i will|i might|i could|i would) (?:\w+ ){0,5}(?:hurt|hit|slap|smack|shake|kill|strangle|"
        r"slapped|smacked|shook|hurt|punched|kicked) (?:my|him|her|them|the baby)\b",
        r" (?:snap|snapped) and (?:hurt|hit|kill)",
    ],
    CHILD_AT_RISK: [
        r" (?:sexual\w*|rape|raped|raping|molest\w*|grooming|groomed|indecent\w*|paedophile|pedophile)",
        r" (?:inappropriately|inappropriate) (?:touch\w*|photos|pictures|messages)",
        r" (?:touch\w*) (?:his|her|their) (?:private|privates|genitals|bottom)",
        r" (?:nude|naked|explicit) (?:photos|pictures|pics|images|videos)",
        r" (?:not safe|unsafe|scared to go|afraid to go|frightened to go|terrified to go|too scared to"
        r" go) (?:at )?home",
        r" (?:came|comes|coming) (?:in|to school|home)(?: \w+){0,3} (?:with|covered in) "
        r"(?:bruis\w*|marks|burns|a black eye|injuries)",
        r" (?:being|been|is|was|gets|getting|got) (?:hurt|hit|beaten|abused|neglected|starved|"
        r"molested|groomed|punched|kicked|slapped|strangled|choked|burned|burnt|battered|whipped|"
        r"belted) (?:at home|by (?:his|her|their|my|the) (?:dad|mum|father|mother|stepdad|step dad|"
        r"stepmum|uncle|aunt|grandad|gran|brother|sister|cousin|parents|family|partner|boyfriend|"
        r"neighbour))",
        r" (?:hurt|hit|hits|beat|beats|beating|abuse|abuses|abusing|punch\w*|kick\w*|slap\w*|smack\w*|"
        r"whip\w*|belt\w*|batter\w*|strangl\w*|chok\w*|burn\w*) (?:the|my|his|her|their) "
        r"(?:kids|children|son|daughter|child|baby|boy|girl|little one)"
        r"(?! (?:at pe|in pe|by accident|accidentally|with a ball))",
        r" neglect",
        r" (?:no|not given any|without|never any|not enough) (?:food|dinner|breakfast|meals)"
        r"(?: \w+){0,3} (?:at home|in the house|for days|days)",
        r" (?:left|leaves|leaving) (?:him|her|them|the kids|the children|my son|my daughter) "
        r"(?:alone|on (?:his|her|their) own|home alone|locked|outside)",
        r" (?:locked|locks|locking|shut|shuts) (?:him|her|them) (?:out|in (?:his|her|their) room|in the"
        r" (?:cupboard|shed|garden|car))",
        r" (?:kicked|thrown|threw|chucked|locked) (?:him|her|them) out",
        r" (?:is|has|have|went|gone|been) missing\b",
        r" (?:ran|run|running) away from home",
        r" (?:has not|have not|did not|not) come home",
        r" (?:hurt|hurting|harm|harming|abus\w*|hit\w*|beat\w*) (?:at home|in (?:his|her|their) "
        r"(?:home|house))",
        r" (?:being|been|is|was) (?:hurt|abused|harmed|hit|beaten) at home",
        r" (?:abus\w*) (?:him|her|them|my son|my daughter|my child|the child|a child)",
        r" (?:child|children|kid|kids|boy|girl|son|daughter|pupil|classmate|friend)(?: \w+){0,6} "
        r"(?:is|was|being|are|were|gets|got) (?:being )?(?:abused|neglected|beaten|hurt at home|hit at"
        r" home|harmed at home)",
        r" (?:scared|afraid|frightened|terrified) of (?:his|her|their) (?:dad|mum|father|mother|"
        r"stepdad|step dad|stepmum|uncle|brother|grandad|parents)",
        r" (?:radicalis\w*|exploit\w*|county lines|trafficked|trafficking|forced marriage|fgm|"
        r"cuckooing)",
        r" (?:older|grown|adult) (?:man|men|woman|boy|boys|people)(?: \w+){0,8} (?:messag\w*|"
        r"meet\w*|gifts|money|lifts|car)\b",
        r" abused",
        r" (?:them|they|people|someone|somebody|dad|mum|parents|neighbours?|he|she|men|man|boys) "
        r"(?:\w+ ){0,2}(?:hitting|beating|hurting|slapping|kicking|punching|battering) (?:him|her|them)\b",
        r" (?:uncle|aunt|auntie|dad|dads|stepdad|step dad|grandad|granddad|brother|cousin|man|men|friend|"
        r"neighbour|boyfriend|lodger|babysitter|he|she)(?: \w+){0,3} (?:touches|touched|touching|fiddles "
        r"with|fiddled with|kisses|kissed) (?:him|her|them|me)\b",
        r" locked in (?:his|her|their) (?:bed)?room",
        r" (?:with no|without any|without|no) (?:food|water|heating|coat|shoes)(?: \w+){0,4} (?:cold|days|"
        r"all day|weekend|when|for)",
        r" outside in the cold",
        r" (?:can not|could not|cant) find (?:him|her|them|my son|my daughter|my child)",
        r" carry (?:packages|parcels|drugs|bags|stuff)(?: \w+){0,5} (?:money|house)",
        r" threaten\w* (?:him|her|them) if (?:he|she|they) tell",
        r" sex (?:things|stuff|games)|(?:do|does|did|doing|have|had|having) sex(?: \w+){0,3} (?:with )?(?:him|her|"
        r"them|me)",
        r" nudes\b",
        r" (?:being|been|are|is|were|was|get|gets|got) left (?:alone|on (?:their|his|her) own|by (?:themselves|himself|"
        r"herself))(?: \w+){0,4} (?:for (?:days|hours|the night|the weekend|all day)|all day|overnight|at night|no food)",
        r" mature for (?:his|her|their) age",
        r" (?:dad|mum|father|mother|stepdad|step dad|stepmum|uncle|grandad|brother|boyfriend|partner|he|she|they) "
        r"(?:\w+ ){0,2}(?:hits|beats|slaps|smacks|kicks|punches|hurts|belts|whips|burns) (?:him|her|them)\b",
        r" meet (?:up )?(?:with (?:him|her) )?(?:away from|outside (?:of )?(?:school|college)|alone|on (?:his|her|their)"
        r" own|in secret)",
        r" (?:been )?gone (?:for )?(?:\d+|over|nearly|about|an|half|two|three) (?:\w+ )?(?:minutes|hours|hour|"
        r"mins)",
        r" (?:front|back) door (?:was|is|has been) (?:left )?open",
        r" (?:heard|hear|hearing) (?:someone|him|her|them|a child|the kids|a kid)(?: \w+){0,2} (?:get |getting |"
        r"being )?(?:slapped|hit|beaten|hurt|smacked|thrown)",
        r" (?:really )?(?:slapped|smacked|punched|kicked) (?:really )?hard",
        r" coming home (?:drunk|high|stoned|smelling|with (?:new )?(?:phones|money|trainers|cash|clothes))",
        r" nothing (?:in the house|to eat|for (?:him|her|them) to eat)",
        r" (?:asking|begging|knocking) (?:\w+ ){0,2}for food",
        r" (?:hungry|starving) all the time",
        r" asleep all day",
        r" (?:throwing|throws|threw|thrown|kicking|kicked|kicks|chucks|chucked) (?:me|him|her|them) out",
        r" (?:slept|sleep|sleeping|sleeps) (?:in|on) the (?:shed|street|streets|car|park|garden|doorstep)",
        r" porn\w*",
        r" (?:naked|nude) (?:people|videos|pictures|photos|women|men)",
        r" (?:giving|gives|gave|given) (?:him|her|them) (?:alcohol|drink|drinks|vodka|drugs|weed|vapes|cigarettes)",
        r" (?:gets|got|getting|climbs|climbed) (?:into|in) (?:her|his|their|my) bed",
        r" (?:into|in) bed with (?:her|him|them)",
        r" (?:send|sent|sending|asking for|asked for|ask for|asks for|wants) (?:\w+ ){0,2}(?:naked|nude|"
        r"private|rude) (?:pictures|photos|pics|images)",
    ],
    STAFF_ABUSE: [
        rf" {STAFF}s?\b(?: \w+){{0,12}} (?:drag\w*|grab\w*|pinned|pinning|pins|pin (?:him|her|them) down|"
        r"restrained|restraining|restrains|held (?:him|her|them) down|holds (?:him|her|them) down|"
        r"holding (?:him|her|them) down|sat on (?:him|her|them)|sits on (?:him|her|them)|"
        r"lock\w* (?:him|her|them|my \w+) (?:in|up)|shut\w* (?:him|her|them) in|seclu\w*|"
        r"(?:hit|hits|hitting|slap\w*|smack\w*|push\w*|shov\w*|kick\w*|punch\w*) (?:him|her|them|my|me)\b|"
        r"yank\w*|messag\w* (?:him|her|them)(?: \w+){0,10} secret|pulled (?:his|her|their) "
        r"(?:hair|arm|ear)|twist\w* (?:his|her|their) arm|tied|ties|strapped|straps|taped|"
        r"(?:threw|throws|thrown|throwing) (?:him|her|them) (?:across|against|to the|on the|onto|into|out|down)\b|touch\w* (?:him|her|them|his (?:private|privates|bottom|bum|body|chest|legs|willy)|her (?:private|privates|"
        r"bottom|bum|body|chest|breasts|legs))|sexual\w*|send\w* (?:him|her|them) (?:sexual|rude|naked|explicit|"
        r"dirty)|hurt\w*|bruis\w*|abus\w*|choke\w*|strangl\w*|"
        r"force\w* (?:him|her|them)|manhandl\w*|rough\w*|squeez\w*|pinch\w*|scratch\w*|sworn at|"
        r"swear\w* at|humiliat\w*|starv\w*|withh\w* (?:food|water|drink)|not allowed (?:food|water|"
        r"the toilet)|slam\w*|held (?:him|her|them) (?:on|to|against|face)|made (?:him|her|them) (?:stand|sit|stay|"
        r"strip|eat)|in (?:his|her|their) (?:pants|underwear)|carpet burns|(?:gets|got|getting) (?:into|in) "
        r"(?:her|his|their) bed|giv\w* (?:him|her|them) (?:alcohol|drink|drugs|cigarettes|vapes|weed)|"
        r"show\w* (?:him|her|them) (?:videos|pictures|porn|naked|photos))",
        rf" (?:drag\w*|grab\w*|pinned|restrained|locked|shut|slapped|hit|pushed|kicked|punched|"
        rf"abused|touched|hurt|bruised|tied|strapped)(?: \w+){{0,6}} by (?:a |the |his |her |their "
        rf"|one of the )?{STAFF}\b",
        r" (?:locked|locks|locking|shut|shuts|shutting|kept|keep|keeping|put|puts|putting) (?:him|her|them|"
        r"my \w+)(?: on (?:his|her|their) own)? (?:in|into) (?:a|the) (?:room|cupboard|office|cubicle|booth|"
        r"toilet|sensory room|quiet room|calm room|isolation)(?: \w+){0,12} (?:own|alone|locked|shut|screamed|"
        r"screaming|crying|let (?:him|her|them) out|hours|toilet|soaked)",
        r" (?:held|holding|hold|holds|wedged|blocked|blocking) the door (?:shut|closed)",
        r" (?:restrained|restraining|restraint|pinned|held down|prone)(?: \w+){0,8} (?:face down|on "
        r"the floor|on the ground|until|by|bruis\w*|marks|could not breathe|can not breathe|every day|"
        r"again|times)",
        r" (?:seclusion|isolation) (?:room|booth|cupboard)(?: \w+){0,8} (?:locked|lock|for hours|"
        r"all day|on (?:his|her|their) own|alone|left)",
    ],
    DOMESTIC_ABUSE: [
        r" domestic (?:abuse|violence)",
        r" coercive",
        r" (?:women s|womens|a) refuge",
        r" (?:fleeing|fled|flee|escape|escaping|escaped) (?:from )?(?:my|an|the|a) "
        r"(?:abusive|violent|partner|husband|wife|ex|boyfriend|home|relationship)",
        rf" {PARTNER}\b(?: \w+){{0,10}} (?:hit|hits|hitting|beat|beats|beating|punch\w*|kick\w*|"
        r"slap\w*|strangl\w*|chok\w*|push\w*|shov\w*|rap\w*|threat\w*|stalk\w*|follow\w* me|throw\w*|"
        r"control\w*|abus\w*|hurt\w*|attack\w*|assault\w*|scares me|frightens me|terrifies me|"
        r"will not let me|does not let me|takes my (?:money|phone|bank card)|took my (?:money|phone)|"
        r"tracks my|checks my phone|locked me|smashed|broke my|strangled|violent)",
        rf" (?:scared|afraid|frightened|terrified) (?:of|to go home to|to leave) (?:my )?{PARTNER}\b",
        r" (?:scared|afraid|frightened|terrified) (?:of|to go home to) (?:him|her)\b",
        r" (?:hits|hit|beats|beat|punched|kicked|slapped|strangled|choked|pushed|shoved|hurt|attacked|"
        r"threatened) me\b",
        r" (?:he|she|they) (?:hurts|hit|hits|beats|threatens|threatened|controls|chokes|choked) me",
        r" (?:threaten\w*) to (?:kill me|hurt me|take the (?:kids|children)|take my (?:kids|children)|"
        r"take (?:him|her|them) away from me)",
        r" (?:afraid|scared|frightened|terrified) (?:for my life|to go home|in my own home)",
        r" non molestation",
        r" (?:he|she) (?:takes|took|controls|keeps) (?:all )?(?:of )?my (?:money|phone|bank card|benefits|"
        r"car keys|passport)",
        rf" (?:he|she|{PARTNER}) (?:will not|does not|never|wont) let me (?:go|leave|see|have|out|speak|talk|"
        r"attend|work)",
        r" (?:throws|threw|throwing|chucks|chucked) (?:things|stuff|plates|\w+) at me",
        r" locked me (?:out|in)",
        r" forc\w* (?:me|her|him) (?:to have sex|into sex|to do sexual)",
        r" next to my head",
        r" next time it will not be",
        r" (?:punched|kicked|smashed) (?:a hole in|holes in|the) (?:the )?(?:door|wall|window)",
        r" make me pay\b",
        r" (?:he|she|hell|he will|she will|shell|they will|he would|she would)(?: \w+){0,2} (?:kill|hurt|stab|"
        r"strangle|choke) me\b",
        r" if i (?:leave|go|tell|left|told)(?: \w+){0,6} (?:kill|hurt|take the (?:kids|children)|never see)",
        r" there will be consequences",
        r" (?:ask|asking|need) (?:his |her )?permission to (?:leave|go out|go|see)",
        r" (?:tracker|tracking device|tracking app|airtag) on my",
        r" (?:turning|turns|turned|keeps turning) up (?:outside|at) my (?:work|house|home|door|flat|mums)",
        r" (?:threw|throws|thrown) (?:a|the|his|her) \w+ at (?:my|me)\b",
        r" tells me i am (?:a )?(?:useless|worthless|stupid|fat|ugly|nothing|mad|crazy|a bad)",
        r" (?:hiding|hid) (?:in|from)(?: \w+){0,6} (?:because|from (?:him|her|my))",
        rf" {PARTNER}\b(?: \w+){{0,6}} (?:held|holding|pulled) (?:a )?(?:knife|gun|blade) (?:to|at|on) me",
        r" (?:restraining|protection) order",
    ],
}
_COMPILED = {category: [re.compile(rule) for rule in rules] for category, rules in RULES.items()}

# Signs that are often innocent ("a bruise on her shin", "he tends to run off", "she struggles to
# swallow tablets"): a concern only when the classifier also leans that way (``screening``).
WEAK_RULES = {
    SUICIDE_SELF_HARM: [
        r" swallow\w*(?: \w+){0,3} (?:rest of|all (?:of )?(?:my|her|his|the)|batteries|bleach|pills|tablets|"
        r"a load|loads|a bottle|a packet|sertraline|melatonin|paracetamol|medication|meds)",
        r" (?:feel|feels|felt|am|is|i am) (?:like )?(?:such )?a (?:burden|waste of space)",
        r" (?:take|taking|took|swallow) all (?:of )?(?:her|his|my|their|the) (?!stuff|things|bags|kit|books|"
        r"clothes|toys|time)\w+",
    ],
    HARM_TO_OTHERS: [
        r" (?:bombs?|explosives?)\b",
        r" (?:knife|knives|blade|gun|guns|rifle|air rifle|shotgun|machete|axe|crossbow|air gun|bb gun|screwdriver)\b"
        r"(?! and fork)",
    ],
    CHILD_AT_RISK: [
        r" (?:bruis\w*|burns|cigarette burns|black eye|belt marks|marks) (?:on|all over|around) "
        r"(?:him|her|them|his|her|their)",
        r" (?:has |have )?(?:run|ran) off",
        r" (?:keep it|keep this|our little|a) secret",
        r" (?:do not|not to|never) tell (?:anyone|anybody|your mum|your dad|your parents|mum|dad)",
        r" home alone",
        r" older (?:lads|boys|men|man|guys|blokes|girls)",
        r" abuse",
        r" (?:wandered|wandering|bolted|escaped|slipped) (?:off|out|away)",
    ],
}
_WEAK = {category: [re.compile(rule) for rule in rules] for category, rules in WEAK_RULES.items()}

# --- What makes a match harmless -----------------------------------------------------------------

# An accident, a figure of speech, or the process itself ("end my complaint").
ACCIDENT = re.compile(
    r" (?:fell|fall|falls|falling|tripped|trip|slipped|slip|pe|playground|football|rugby|netball|"
    r"trampoline|hockey|cricket|tennis|gymnastics|dance|dancing|judo|karate|cycling|skating|horse riding|"
    r"trampoline|accident|accidentally|by accident|bike|scooter|sprain\w*|broke|broken|stitches|"
    r"graze\w*|plaster cast|physio\w*|tumble|bumped|banged (?:his|her|their) (?:head|knee|arm|leg)|"
    r"sports day|swimming|climbing frame|on the stairs|sport)\b"
)
INTENT = re.compile(
    r" (?:on purpose|deliberately|keeps|keep|again and again|every day|wants? to|tried to|tries to|"
    r"trying to|threaten\w*|self harm|suicid|tonight|kill (?:him|her|them)sel|can not go on)"
)
# Figures of speech and plain facts that share the words of a concern. They are taken out of the
# text before the rules read it, so "the deadline is soon ... i scratched my arms till they bled"
# is still read for what follows the deadline.
FIGURES_OF_SPEECH = re.compile(
    r" (?:over my dead body|(?:i am|am|is|im) dying (?:here|over here|inside)|kill(?:ing)? off|die of (?:embarrassment|"
    r"shame|boredom|laughter|fright)|knife (?:n|and) fork|adapted (?:knife|cutlery)|cutlery|(?:eczema|psoriasis|dermatitis|skin condition|skin|spots|scabs|bites)(?: \w+){0,4} (?:bleed|bleeds|bled|"
    r"bleeding)|(?:leaflet|leaflets|awareness|workshops?|lessons?|training|course|talk|assembly|signs of|"
    r"information about|find out more about|learning about|project on)(?: \w+){0,3} (?:county lines|knife crime|"
    r"exploitation|grooming|abuse|radicalisation|online safety|drugs|gangs)|(?:county lines|knife crime|"
    r"exploitation|grooming|radicalisation|online safety|gangs)(?: \w+){0,2} (?:awareness|workshops?|lessons?|"
    r"leaflets?|training|talks?|course|education|assembly)|rope (?:swing|ladder|bridge|course)|"
    r"skipping rope|climbing rope|(?:a |the )?death in the family|(?:deadline|timeline|plan|process|application|request|complaint|review|system|timescale)(?: \w+){0,4} "
    r"(?:is|was|are|were) (?:\w+ ){0,3}dead|(?:this|the|it|that|waiting|wait|stress|process|council|school|paperwork|form) (?:\w+ ){0,3}"
    r"(?:is|are|was|will be|would be) (?:killing|going to kill|the death of) me|killing me|kills me|kill me now|"
    r"will kill me|would kill me|(?:could|would|id|i would|i could) (?:kill|murder) (?:for|a)\b|dying (?:to|for|of)"
    r"|died laughing|to die for|(?:bored|scared|worried|sick|frightened) (?:\w+ )?to death|death of me|"
    r"dead ?lines?|dead end|dead set|dead tired|dead easy|dead good|dead keen|dead against|dead on time|dead "
    r"serious|dead link|die hard|killer whales?|kill two birds|kill(?:ing)? time|killed it|kill the "
    r"(?:request|complaint|application|process|appeal|idea|meeting|call)|"
    r"(?:phone|battery|laptop|car|tablet|ipad|computer|charger|kindle|switch|link|page|website|site|url|"
    r"email)(?: \w+){0,3} (?:died|is dead|was dead|has died|dead|keeps dying)|(?:sound effects?|toy|nerf|"
    r"water pistols?|water guns?|glue guns?|museum|war films?|war museum|world war|second world war|history|"
    r"knife and fork|butter knife|cutlery)|(?:grandad|grandma|granny|nan|nana|grandpa|dad|mum|father|mother|"
    r"uncle|aunt|auntie|dog|cat|pet|hamster|rabbit|friend)(?: \w+){0,3} (?:died|passed away)|passed away|"
    r"bereave\w*|funeral|grief|griev\w*|dyed|killing it|killing (?:\w+ ){0,2}(?:on|in) (?:minecraft|fortnite|roblox|"
    r"his game|her game|the game|games|xbox|playstation|switch)|(?:zombies|monsters|baddies|enemies|aliens)|"
    r"(?:toy|nerf|water|glue|cap|pretend|lego|plastic) (?:guns?|knife|knives|swords?|rifles?)|(?:\w+ )?(?:guns?|"
    r"gunfire|bang) (?:sound|sounds|noise|noises)(?: effects?)?|(?:people|soldiers|men) (?:were|was|got|being) "
    r"killed|in the war|(?:deadline|timeline|plan|process|application|request|complaint|review|system|timescale)"
    r"(?: \w+){0,4} (?:is|was|are|were) (?:\w+ ){0,3}dead)\b"
)
POLICY = re.compile(
    r" (?:policy|policies|guidance|rules|allowed to|allowed|law|legal|training|training on|"
    r"what is|what are|how do|how does|can a school|can schools|are schools|is it legal|does the "
    r"school have|positive handling plan|behaviour plan|risk assessment)\b"
)
INCIDENT = re.compile(
    r" (?:today|yesterday|last week|this morning|again|every day|keeps|kept|has been|have been|was "
    r"being|got|came home|come home|bruis\w*|marks|screaming|crying|scared|hurt|drag\w*|locked|"
    r"grabbed|pinned|held (?:him|her|them) down|sat on|happened|did it|does it|is doing|they did|"
    r"she did|he did|my son|my daughter|my child)\b"
)
NOW = re.compile(
    r" (?:now|right now|tonight|today|this evening|this afternoon|at the moment|immediately|"
    r"just took|just taken|have taken|has taken|on the roof|on a bridge|on the bridge|in the bath|"
    r"locked (?:himself|herself|themselves) in|is bleeding|bleeding|not breathing|unconscious|"
    r"cannot wake|can not wake|will not wake)\b"
)
ABOUT_CHILD = re.compile(
    rf" (?:{THEM_SELF}|my (?:son|daughter|child|boy|girl|kid|teen|teenager|lad|little one)|"
    r"(?:he|she|they) (?:is|are|has|have|keeps|wants|said|says|tried|told)|year \d+|\d+ year old)\b"
)
PROCESS_STOP = re.compile(
    r" (?:stop|end|ending|cancel|withdraw|drop|finish|close|kill) (?:the|my|this|our|his|her) "
    r"(?:complaint|request|process|appeal|chat|conversation|form|plan|application|review|meeting|"
    r"assessment|case)\b"
)


# Any word of death left once figures of speech are out: read as the gravest concern.
DEATH_WORD = re.compile(r" (?:die|dying|dead|death|kill|kills|killed|killing)\b")


STAFF_CUE = re.compile(rf" {STAFF}s?\b")
GROOMING = re.compile(
    r" (?:mature for|meet (?:up|him|her)|secret|messag\w*|sexual\w*|nudes|naked|touch\w*|presents|gifts|"
    r"pictures|photos|snapchat|whatsapp|his flat|his house|his car)\b"
)


def _matches(category, text):
    return any(rule.search(text) for rule in _COMPILED[category])


def _harmless_self_harm_match(text):
    """ "He fell and hurt himself at PE", "this wait is killing me", "end my complaint": a match
    only on these grounds, with nothing that says it was meant, is not a concern."""
    strong = re.search(
        r" (?:suicid|self harm|overdos|want to die|wants to die|kill myself|kill (?:him|her|them)sel|"
        r"end my life|take my (?:own )?life|better off without me|not wake up|pills|tablets|"
        r"can not go on|breaking point)",
        text,
    )
    if strong:
        return False
    if ACCIDENT.search(text) and not INTENT.search(text):
        return True
    return bool(PROCESS_STOP.search(text)) and not re.search(r" (?:it all|everything|my life)", text)


def detect(text):
    """The concern in ``text``, or None. Never raises, whatever it is given."""
    if not isinstance(text, str) or not text.strip():
        return None
    clean = FIGURES_OF_SPEECH.sub(" ~ ", normalise(text[:20000]))
    found = [category for category in CATEGORIES if _matches(category, clean)]
    weak = False
    if not found:
        found = [category for category, rules in _WEAK.items() if any(rule.search(clean) for rule in rules)]
        if not found and DEATH_WORD.search(clean):
            found = [SUICIDE_SELF_HARM]
        weak = bool(found)
    if SUICIDE_SELF_HARM in found and _harmless_self_harm_match(clean):
        found.remove(SUICIDE_SELF_HARM)
    if (
        HARM_TO_OTHERS in found
        and STAFF_ABUSE in found
        and re.search(r" (?:i will|ill|i swear|i am going to) ", clean)
    ):
        found.remove(STAFF_ABUSE)  # the writer is the one threatening
    if (
        DOMESTIC_ABUSE in found
        and CHILD_AT_RISK not in found
        and re.search(
            r" (?:i am|im|i m) (?:[5-9]|1[0-7])\b|me and my (?:brother|sister)|my (?:brother|sister) and me",
            clean,
        )
    ):
        found.insert(0, CHILD_AT_RISK)  # a child telling us about the adults at home
    if STAFF_ABUSE in found and POLICY.search(clean) and not INCIDENT.search(clean):
        found.remove(STAFF_ABUSE)
    if (
        CHILD_AT_RISK in found
        and ACCIDENT.search(clean)
        and not re.search(r" (?:abus|sexual|neglect|groom|not safe|missing|at home)", clean)
    ):
        found.remove(CHILD_AT_RISK)
    if (
        CHILD_AT_RISK in found
        and STAFF_ABUSE not in found
        and GROOMING.search(clean)
        and STAFF_CUE.search(clean)
    ):
        found.insert(0, STAFF_ABUSE)  # grooming by someone who works with children: the LADO first
    if DOMESTIC_ABUSE in found and HARM_TO_OTHERS in found and re.search(r" \w+ me\b", clean):
        # A threat against the writer by someone at home: the domestic abuse route comes first.
        found.remove(DOMESTIC_ABUSE)
        found.insert(found.index(HARM_TO_OTHERS), DOMESTIC_ABUSE)
    if STAFF_ABUSE in found and CHILD_AT_RISK in found:
        # Abuse by someone who works with children goes to the LADO first.
        found.remove(CHILD_AT_RISK)
        found.insert(found.index(STAFF_ABUSE) + 1, CHILD_AT_RISK)
    if not found:
        return None
    return Concern(
        categories=tuple(found),
        about_child=bool(ABOUT_CHILD.search(clean)),
        immediate=bool(NOW.search(clean)),
        weak=weak,
    )


# When only the classifier recognises a concern, its kind is read from who the words are about;
# with no such cue, the routes for a person at risk and a child at risk are given together.
OTHERS_CUE = re.compile(
    r" (?:hurt|kill|stab|attack|use it on|shoot|harm|strangle|batter)\b(?! (?:my|him|her|them|your)sel)"
    r"(?: \w+){0,2} (?:the|his|her|their|someone|somebody|people|kids|children|him|them|teacher|staff)\b"
)
PARTNER_CUE = re.compile(rf" (?:my )?{PARTNER}\b")


def likely_concern(text):
    """A ``Concern`` for words the classifier flagged and no rule matched."""
    clean = normalise(text)
    categories = [SUICIDE_SELF_HARM]
    if OTHERS_CUE.search(clean):
        categories = [HARM_TO_OTHERS, SUICIDE_SELF_HARM]
    elif STAFF_CUE.search(clean):
        categories = [STAFF_ABUSE, SUICIDE_SELF_HARM]
    elif PARTNER_CUE.search(clean):
        categories = [DOMESTIC_ABUSE, SUICIDE_SELF_HARM]
    categories.append(CHILD_AT_RISK)
    return Concern(
        categories=tuple(categories),
        about_child=bool(ABOUT_CHILD.search(clean)),
        immediate=bool(NOW.search(clean)),
    )

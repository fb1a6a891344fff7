# ruff: noqa: E501  (phrase lists read best one construct per line)
"""Self-harm and suicide risk, in English and Japanese, in two tiers.

- ``urgent`` (hold, urgent queue item, crisis page): intent or a plan ("I'm going to kill
  myself"), preparation ("I have the pills ready"), method seeking ("what's the best way to
  kill yourself"), a goodbye note ("this is my last post"), or ideation combined with a method
  or a time ("I want to die ... tonight", "end it ... with the pills").
- ``check_in`` (by default published and queued for a moderator to check in; ``[moderation]
  check_in = "hold"`` holds it): passive ideation, hopelessness, burdensomeness, entrapment,
  self-injury, active ideation without plan or time, a past attempt, someone else at risk
  ("my friend says she wants to die"), or three or more weak signals of the clinical lexicon
  together (low mood, loneliness, emptiness, worthlessness, ...).

Signs combine as warning signs do: affairs put in order ('found a home for my cat', 'the bills
are paid') count only with a second such sign or any concern, and are then urgent; so is ideation
with the means at hand ('I want to die ... there's a rope in my closet'), and a veiled farewell
with hopelessness. A life event near a farewell ('last episode of the podcast', 異動) or a trivial
object near exasperation ('I give up lol, this puzzle') is everyday talk.

Phrases come from the clinical Suicide Risk Lexicon (``lexicon.py``) and the lists below. Context
decides what a phrase means: a negation just before it ("I would never hurt myself") or fiction
("the scene where she jumps", 飛び降りるシーン) drops it; prevention and figures of speech
("suicide prevention", "to die for", 死ぬほど) are benign spans; a third person, reported speech or
the past ("years ago I tried") makes it a check-in, never urgent, and nothing at all in a
recovery story ("... and I'm doing so much better now", 今は元気です).

Matching runs on the ``skeleton`` (invisible characters, look-alike letters, accents, leetspeak,
spacing and repeated letters undone), one scan per phrase book; the moderator's reason quotes
the member's own words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from forum.core.api import Action, ScreenContext, Verdict, hookimpl, is_cjk, normalise, skeleton

from .base import Rule, check_in_action, crisis_member_message, quote
from .lexicon import lexicon_phrases
from .phrasebook import Hit, PhraseBook, Spans, labelled
from .text import ClauseIndex

URGENT, CHECK_IN = "urgent", "check_in"

# Constructs, in words a moderator reads. Urgent by themselves:
URGENT_CONSTRUCTS = {"intent", "preparation", "method seeking", "goodbye note", "attempt in progress"}
# Ideation: a check-in alone, urgent with a method or a time.
IDEATION = {"active ideation", "passive ideation", "self-injury", "suicidal language", "attempt",
            "euphemism", "means at hand"}
STRONG_IDEATION = {"active ideation", "attempt", "euphemism"}
CHECK_IN_CONSTRUCTS = IDEATION | {"hopelessness", "burden", "entrapment", "someone else at risk",
                                   "means at hand"}
MODIFIERS = {"method", "imminent time", "time", "resolve", "opportunity"}
# Means named in passing: no concern alone ('my dog ate a belt'), urgent with a sign of intent
# close by (``_means_with_intent``). Lethal ones count with a time too ('the noose ... tonight').
LETHAL, MEANS_WORD = "lethal means", "means word"
MEANS = {LETHAL, MEANS_WORD}
INTENT_SIGNS = {"resolve", "opportunity", "euphemism", "goodbye note", "arrangement", "hopelessness", "burden",
                "entrapment"} | IDEATION - {"means at hand"}
FINAL_TIMING = {"imminent time", "opportunity", "resolve"}  # what turns affairs in order urgent, besides concern
MEANS_REACH = {"en": 120, "ja": 50}  # characters between a means and its sign: a sentence or two
# Distress that turns a veiled farewell urgent ('I can't go on ... tonight is when it stops').
DISTRESS = {"hopelessness", "burden", "entrapment"}
# Contexts that make an everyday sense likely, and the constructs they can explain away:
# a life event for farewells ('goodbye everyone, last episode of the podcast'), a trivial
# object for exasperation ('I give up, this puzzle is impossible').
OCCASION_EXPLAINS = {"euphemism", "goodbye note", "arrangement", "resolve"}
TRIVIAL_EXPLAINS = {"hopelessness", "entrapment", "euphemism", "suicidal language"}

LABELS = {
    "intent": _l("intent or plan"), "preparation": _l("preparation"), "method seeking": _l("method seeking"),
    "goodbye note": _l("goodbye note"), "attempt in progress": _l("attempt in progress"),
    "active ideation": _l("active ideation"), "passive ideation": _l("passive ideation"),
    "self-injury": _l("self-injury"), "suicidal language": _l("suicidal language"),
    "attempt": _l("suicide attempt"), "euphemism": _l("veiled intent"), "hopelessness": _l("hopelessness"),
    "burden": _l("feeling a burden"), "entrapment": _l("entrapment"),
    "someone else at risk": _l("someone else at risk"), "means at hand": _l("means at hand"),
    "resolve": _l("resolve"), "method": _l("method"), "time": _l("time"),
    "imminent time": _l("time"), "past": _l("in the past"), "several risk factors": _l("several risk factors"),
    "low mood": _l("low mood"), "loneliness": _l("loneliness"), "emptiness": _l("emptiness"),
    "worthlessness": _l("worthlessness"), "emotional pain": _l("emotional pain"),
    "meaninglessness": _l("meaninglessness"), "anhedonia": _l("anhedonia"), "defeat": _l("defeat"),
    "exhaustion": _l("exhaustion"), "self-hatred": _l("self-hatred"), "numbness": _l("numbness"),
}

_I = "{i m,im,i am,i ve,ive,i,i d,id,i ll,ill}"
_SELF = "{kill myself,kil myself,kms,end my life,end my own life,take my life,take my own life,commit suicide," \
        "unalive myself,end myself,off myself,hang myself,shoot myself,overdose,od,slit my wrists,end it all}"
_NOT = "{don t,dont,do not,can t,cant,cannot,just don t}"
_METHODS = "{hanging,drowning,overdosing,an overdose,jumping,bleeding out,slitting my wrists,pills,a gun,shooting myself," \
           "suffocating,carbon monoxide,the train,gas,cutting}"

INTENT_EN = [
    "{i m,im,i am} {going,gonna,planning,about,ready,fixing} to " + _SELF,
    "{i m,im,i am} gonna " + _SELF, "{i ll,ill,i will,i shall} " + _SELF,
    "{i m,im,i am,i} {planning on,plan on,plan to,intend to,intending to} {killing myself,ending my life,ending it all,"
    "taking my life,committing suicide,kill myself,end my life,end it all,take my life,commit suicide}",
    "{going to,gonna,gon na,i ll,ill,i will} use {the gun,the pills,the rope,the knife,the blade} on myself",
    "{i m going to,im going to,i am going to,going to,gonna,i m gonna,im gonna,i ll,ill,i will,planning to,about to}"
    " {drive,crash,drive off,steer,swerve} my car"
    " {into,off} {a wall,a tree,traffic,a truck,the river,oncoming traffic,a pole,a bridge,a cliff,the road}",
    "{i m,im,i am} {taking,swallowing,going to take,gonna take} {all my pills,all my meds,all of my pills,all of my meds,"
    "the whole bottle}", "{i m,im,i am} swallowing {them all,all of them}",
    "{tonight,today} i {end it,kill myself,end my life}", "i end it {tonight,today}",
    "{i ve,ive,i have} decided to {die,kill myself,end my life,end it,end it all,commit suicide}",
    "decided to {kill myself,end my life,end it all,commit suicide}",
    "made up my mind to {die,end it,kill myself}", "end it {tonight,today,now,this weekend}",
    "{going to,gonna,i ll,ill,i will,i m going to,i am going to} {finish it,finish this,finish myself off} {tonight,today,now,this weekend}",
    "{tonight,today} {i m,i am,i will,i ll} {going to ,gonna ,}{finish it,end it,do it}",
    "{going to,gonna,gon na,i ll,ill,i will} end it {tonight,today,now,this weekend}",
    "{i have,i ve got,ive got,i got,i made,i ve made} a plan to {die,kill myself,end it,end my life}",
    "my suicide plan", "planning my suicide", "planned my suicide", "set a date to {die,end it}",
    "{i m,im,i am,i ll,ill,i will} {going to ,gonna ,planning to ,about to ,ready to ,}{jump off,jump from,throw myself off,"
    "jumping off,jumping from,throwing myself off}"
    " {the,a,my,this,that} {bridge,roof,rooftop,building,cliff,balcony,tower,overpass,car park,parking garage,ledge}",
    "{i m,im,i am,i ll,ill,i will} {going to ,gonna ,planning to ,about to ,ready to ,}{jump,throw myself} in front of"
    " {a,the} {train,bus,truck,lorry,car,subway}",
    "{i m,im,i am} {going,gonna,planning,about,ready} to {hang myself,overdose,od,slit my wrists,shoot myself,"
    "drown myself,take all my pills,take all the pills,swallow all my pills,take them all,swallow every pill,"
    "take every pill,swallow everything,take the whole bottle,swallow the whole bottle}",
]
PREPARATION_EN = [
    "{saved up,saving up,stockpiling,stockpiled,hoarding,hoarded,collecting,collected,saved,stashed} {,my ,some ,up ,enough ,"
    "enough of my ,enough of the ,all my ,a lot of ,lots of }{pills,tablets,meds,sleeping pills,painkillers,medication,"
    "antidepressants}",
    "{gun,revolver,pistol,rifle,shotgun} {is ,}loaded", "{loaded,cocked} {gun,revolver,pistol,rifle,shotgun}",
    "{enough,all my,all the} pills {to die,to end it,ready}", "{pills,rope,gun,noose} {is,are} ready", "i know how and when",
    "{giving,gave,given,give} my {stuff,things,belongings,possessions} away", "{the gun,my gun,gun} is loaded",
    "{i have,i ve got,ive got,got} the {pills,rope,gun,noose,blade} ready", "have the pills ready",
    "{tied,tying,made,making} {a,the} noose", "{the ,a ,my ,}{belt,rope,cord,scarf,cable,ligature} {is ,}{tied,tied to,tied around,"
    "around,over,hanging from} {the,my} {closet,wardrobe,door,bannister,banister,rail,neck,loft hatch}", "the noose is", "loaded the gun",
    "{giving,gave,given} away my {things,stuff,possessions,belongings,pets}", "{said,saying} my goodbyes",
    "{bought,ordered} a rope", "{i ve,ive,i have,i m,im} been {saving,stockpiling,hoarding,collecting} {pills,my pills,my meds,tablets}", "{bought,got} a gun to {kill myself,end it}", "{wrote,written,finished} my will",
]
SEEKING_EN = [
    "{best,easiest,quickest,fastest,most painless,painless,surest,least painful,simplest,most effective}"
    " {way,ways,method,methods} to {die,kill myself,kill yourself,kil yourself,kill urself,kill oneself,end it,"
    "end my life,end your life,commit suicide,od,overdose}",
    "how {to,do i,do you,can i,should i,would i,could i} {kill myself,kill yourself,end my life,end it all,"
    "commit suicide,overdose,od,hang myself,slit my wrists,die painlessly,die quickly,die peacefully}",
    "how much {insulin,paracetamol,tylenol,acetaminophen,ibuprofen,aspirin,morphine,lithium,sertraline,xanax,"
    "medicine,medication,of my meds,of my pills,of this} {would it take to kill me,would kill me,to die,does it take to die,"
    "to overdose,is lethal,is fatal,would it take to die}",
    "enough to die .", "{pills,tablets,meds,of them,of these} {be ,}enough to {die,kill me,kill myself}",
    "{most reliable,surest,most lethal,least painful,most painless} {method,way} .",
    "how many {pills,tablets,sleeping pills,paracetamol,tylenol,ibuprofen,painkillers} {to die,to overdose,"
    "to od,would kill me,does it take to die,to kill myself,to end it}",
    "lethal dose", "{would be,is it,is that,what is,what s} a {fatal,lethal} dose",
    "{mix,take,drink,inhale,use,buy,combine} to die", "{suicide,painless suicide} {method,methods}", "painless suicide",
    "how {to,do i,do you,can i} tie a noose",
    "how long {does it take,it takes,would it take,will it take,till,until,before} {to ,you ,i ,}{die,bleed out,suffocate,"
    "drown,pass out,lose consciousness,stop breathing}", "how to tie a noose",
    "{how deep,deep enough} {to ,do i need to ,do you need to ,should i ,do you have to ,}cut {to die,to bleed out,"
    "my wrists,your wrists,my wrist,to hit an artery}",
    "{painful,painless,lethal,reliable,quicker,faster,effective} " + _METHODS + " or " + _METHODS,
    _METHODS + " or " + _METHODS + " {which,what} {is,s} {less,more,least,most,}{painful,painless,lethal,reliable,"
    "quicker,faster,effective}",
    "{does it hurt,how painful is it,is it painful,does it take long} to {drown,hang,die,overdose,bleed out,jump,suffocate}",
    "how {much,many} of my {meds,pills,medication,tablets} {it would take,would it take,to take,would kill me}",
    "{painless,easy,quick,quickest,best,easiest} ways to die", "ways to die {that don t hurt,without pain,painlessly}",
    "how high {do i need,to jump,does a building}", "what height {kills,would kill}",
    "{what floor,which floor,how high,what height,how many floors} {do you need to be on ,do i need to be on ,do you have "
    "to be ,do i have to jump from ,should i jump from ,is ,would be ,}{for it to be certain,to be certain,to be sure,"
    "for it to work,for it to be fatal,to die,to guarantee death,to not survive,to make sure}",
    "how {many,much} of my {sleeping pills,antidepressants,painkillers,prescription,insulin,meds,pills} {it would take,"
    "would it take,does it take,would kill me,to die,to overdose}",
]
GOODBYE_EN = [
    "{this is,this will be} {my last,the last} {post,message,time you ll hear from me,thing i write}",
    "my last post", "by the time you read this", "goodbye {forever,cruel world}",
    "this is goodbye", "{wrote,written,writing} letters to {everyone,my family,my friends,my parents,my kids}", "{i won t,i wont,won t,wont} be {here,around,alive} {tomorrow,much longer,anymore,after tonight,after today,"
    "by tomorrow,by morning,by the weekend,after this weekend}", "my goodbye {letter,note}",
    "{wrote,written,writing,finished,left} {my,a} {suicide,goodbye} {note,letter}", "my suicide note",
    "{writing,wrote,written,keep writing} {goodbye,suicide} {letters,notes}",
    "{wrote,written,finished} my note", "tell my {family,mom,mum,dad,parents,kids,wife,husband,sister,brother}"
    " i {love,loved} them", "{sorry,i m sorry} for everything goodbye",
    "tell {my ,}{mom,mum,dad,parents,family,sister,brother,wife,husband,kids} {it wasn t,it s not,it was not,that it wasn t,"
    "it isn t} {her,his,their,your} fault",
]
_TOOK = "{i took,took,i swallowed,swallowed,i just took,just took,i ve taken,i have taken}"
_DRUGS = ("{pills,tablets,meds,sleeping pills,painkillers,tylenol,paracetamol,advil,ibuprofen,aspirin,xanax,"
          "antidepressants,pill}")
IN_PROGRESS_EN = [
    "{i m,im,i am,currently,right now} {standing,sitting,lying} on {the,a} {ledge,bridge,tracks,railing,train tracks,"
    "railway tracks,railway line,edge of the roof,roof,rooftop,overpass,motorway bridge,highway bridge,edge of the cliff,"
    "edge of the platform,parapet}",
    "{in the garage with the engine running,engine running in the garage,car running in the garage}",
    "{car,engine} {is ,}running in {a,the,my} {closed ,shut ,}garage",
    _TOOK + " {all my,all the,a bottle of,a whole bottle of,too many,a lot of,a bunch of,all of my,all of the,a handful of,"
    "a box of,a whole box of,a packet of,a whole packet of,every,two boxes of,two bottles of} " + _DRUGS,
    _TOOK + " {a bottle of,a whole bottle of,a box of,a whole box of,a packet of,all of} {my,my mum s,my mom s,my dad s,her,"
    "his} " + _DRUGS,  # a template apiece: each small enough to expand into the word trie (fast)
    "{i overdosed,i just overdosed,already took the pills,i cut too deep}",
    "took too many {of my ,}{pills,meds,tablets,antidepressants,sleeping pills,painkillers}",
    _TOOK + " {a bunch of,a handful of,a lot of,loads of,most of,half of,too many of,lots of} {my,her,his} " + _DRUGS,
    _TOOK + " {everything,all of it,every pill,whatever was} in the {medicine cabinet,cabinet,first aid kit,bathroom cabinet}",
    "{i took,i ve taken,i just took,i have taken} an overdose",
    "{i m,i am,im} not safe {right now,tonight,anymore,at the moment,alone}", "{i don t,i dont} feel safe {right now,tonight,alone}",
    "{i have,i ve got,i m holding,holding,i m pressing,pressing} {a,the,my} {knife,blade,razor,gun} {to,against} my"
    " {throat,wrist,wrists,head,neck}",
]
# A number of pills taken, which the skeleton drops ('took 40 of my pills' reads 'tok of my pils'):
# only a candidate, kept if the text counts ten or more (``_doses``).
_PILLS = "{pills,tablets,meds,sleeping pills,painkillers,tylenol,paracetamol,ibuprofen,xanax,antidepressants,caps,capsules}"
_ABOUT = "{took,swallowed,taken,downed,popped} {like ,about ,around ,over ,almost ,nearly ,maybe ,}"
DOSE_EN = [_ABOUT + "{of my,of the,of these} " + _PILLS,
           _ABOUT + "{sleeping pills,painkillers,tylenol,paracetamol,ibuprofen,xanax,antidepressants}"]
DOSE_JA = ["錠{くらい,ぐらい,ほど,も,以上}{飲んだ,飲みました,飲んじゃった,飲んでしまった}", "錠{飲んだ,飲みました,飲んじゃった,飲んでしまった,を飲んだ,一気に,まとめて}", "粒{飲んだ,飲みました,飲んじゃった}"]
IN_PROGRESS_JA = [
    "{睡眠薬,薬,錠剤,市販薬,眠剤,風邪薬,頭痛薬}{を,}{大量に,まとめて,一気に}飲{んだ,みました,んじゃった,んでしまった}",
    "{包丁,ナイフ,カッター,刃物,カミソリ}を{首,手首,喉,腕,のど}に{当て,あて,突きつけ}",
    "{ベランダ,屋上,橋,線路,ホーム,崖}{の柵の外,の柵を越え,の手すりの外}",
    "{柵,手すり,フェンス}を{越え,超え,乗り越え}{た,てきた,ようと}",
]
ACTIVE_EN = [
    "{kill,killing,killed,kil,kiling,kiled} my{ ,}self", "kms", "{unalive,unaliving} {myself,my self,me}",
    "{end,ending,ended} {my life,my own life,myself}", "{take,taking} my {own ,}life", "{off,offing} myself",
    "commit suicide", "committing suicide", "suicide", "suicidal", "suicidal thoughts", "suicidal ideation",
    "{want,wanna,wanted} to {jump off,jump in front of,hang myself,overdose,od,slit my wrists,shoot myself,"
    "drown myself,jump from}", "thinking {about,of} {suicide,killing myself,ending it,ending my life,ending it all}",
    "{end,ending} it all", "{want,wanna,going,gonna,ready} to end it",
    "{need to,have to,gotta,got to} end {it all,my life,myself,this .,it .}", "{gonna,going to,gon na} end it",
    "{gonna,going to,gon na,want to,wanna,ready to} end {things,everything}", "{i m,im,i am} {ready,prepared} to die",
    "thinking {about,of} {ending things,ending everything,not being here,dying,death,not existing}",
    "{thinking,thought,think} about {jumping,jumping off,jumping in front of,hanging myself,overdosing,drowning myself,"
    "crashing my car,shooting myself,slitting my wrists,taking all my pills}",
    "{drive,driving,drove,crash,crashing} my car into {a wall,a tree,traffic,a truck,the river,oncoming traffic,a pole}",
    "{crash,crashing,wreck} my car on purpose", "{thinking about,think about,thought about,want to,wanna,could just,should just,going to,gonna,urge to}"
    " {drive,driving,swerve,swerving,veer,veering} off {the road,a bridge,a cliff,the bridge}",
    "{stepping,step,jump,jumping,walk,walking} in front of {a,the} {train,bus,truck,lorry,car,traffic}",
    "{can t,cannot} stop thinking about {death,dying,suicide,killing myself,ending it}", "{ways,way,methods} to die", "{i hate,hate} myself",
    "{suicide,suicidal} {urges,plans,plan}",
]
PASSIVE_EN = [
    "{want,wanna,wanted,wanting,would like} to die", "{i wanna,wanna,gonna,just wanna} die", "want to be dead",
    "wish i {was,were,could be} dead", "wish i {was,were,had} never {been born,born}", "wish i d never been born",
    "wish i {wasn t,weren t,was not,didn t} {alive,here,born,exist}", "wish i could {disappear,vanish,cease to exist,"
    "just disappear,sleep forever,not exist,stop existing,die,just vanish,just die}",
    "{want,wanna} to {disappear,vanish,cease to exist,stop existing,not exist,not be here,not wake up,sleep forever}",
    _NOT + " want to {exist,be here,be alive,live,wake up,go on,keep going,do this anymore,be here anymore,"
    "live anymore,be alive anymore,exist anymore}",
    "{i don t,i dont,i do not,don t,dont} think i want to {exist,live,be alive,be here,be here anymore,"
    "exist anymore,live anymore,keep going}",
    "{hope,hoping,praying,pray,wish} i {don t,dont,never,wouldn t,won t} wake up", "go to sleep and never wake up",
    "{not sure,don t know if,dont know if} i want to {be alive,live,be here,exist,keep living}",
    "{easier,better} if i {just ,}{wasn t,weren t,was not} {here,around,alive}",
    "{would be,d be} {happier,better} {if i wasn t around,if i wasn t here,if i was gone,if i died,without me,"
    "if i just died,if i just disappeared,if i just wasn t here,"
    "if i was dead,if i were dead,if i were gone,if i wasn t alive}",
    "{don t,dont,do not} care {if,whether} i {die,live,wake up,don t wake up,dont wake up}",
    "{tired,sick,exhausted} of {living,being alive,life,existing,being here}", "exhausting {it is ,}to {just ,}exist",
    "{hate,hating} {being alive,living,existing,my life,my existence}",
    "{not being here,not be here anymore,not existing,not exist anymore,stop existing,no longer exist}",
    "{don t,dont,do not,can t,cant} see {the,any} point {in,of} {anything,any of it,living,life,it all,going on,trying}",
    "i {don t,can t,cannot} see the point {.,anymore,any more}",
    "see no point in {anything,living,life,going on}", "{just ,}taking up space", "waste of {space,oxygen}",
    "{easier,better} for {everyone,them,my family,all of us,everybody} if i {just ,}{wasn t,weren t,was gone,"
    "disappeared,died,left,wasn t around,wasn t here}",
    "courage to {just ,}{end it,do it,kill myself,go through with it,die,end my life}",
    "how easy it would be", "{least painful,most painless,painless,quickest,easiest} way to go",
    "i should just {go,die,disappear,end it,leave this world,not exist,give up}",
    "{my life,life} is {already ,}over", "nothing is {ever ,}going to {get better,change}",
    "{they d,they would,everyone would,everyone d,my family would} be relieved",
    "{never meant to be,never should have been,never should ve been} born", "{sleep,go to sleep,fall asleep} and not wake up",
    "not going to make it {to,through,past} {christmas,my birthday,next year,the weekend,next week,the end of,tomorrow}",
    "tired of existing",
    "{what am i,why am i,what s there} {even ,}living for", "permanent {silence,sleep,rest,solution,escape,way out}",
    "{hope,wish,pray} i {get,got} {hit by a car,hit by a bus,hit by a train,in an accident,cancer,sick and die}",
    "{only reason,only thing} {i m still here,i m still alive,keeping me alive,keeping me here,i m alive,i stay}",
    "{peaceful,nice,easier,better} {it would be ,}to {just ,}{stop,not wake up,be gone,not exist,die,disappear}",
    "{a reason,one reason,any reason,reasons} to {stay,live,keep going,stay alive,keep living}",
    "might as well {make it official,die,end it,be dead,not exist}", "hoping something {happens,bad happens}",
    "{sleep,go to sleep,fall asleep} and never wake up", "my {own ,}funeral", "{want,wanna} to not {exist,be here,wake up}",
    "{shouldn t,should not,don t deserve to,dont deserve to} {be alive,exist,live,be here}", "deserve to die",
    "{shouldn t,should not} have been born", "{disappointed,upset,sad,angry} {that ,}i woke up",
    "wake up disappointed", "if i died {tomorrow,today,tonight}", "{don t,dont,do not} want to feel anything",
    "{don t,dont,do not} see myself {making it,living,being alive,being here,getting} {to,past,until,through,old}",
    "{picturing,imagining,planning,thinking about} my {own ,}funeral",
    "waiting {for it,for life,to die,for death}{, to be over, to end,}",
    "life is {meaningless,pointless,not worth it,worthless,over,a mistake}",
    "{my whole life,my life,i} {is,am} a mistake", "{only,last} {option,way out,choice,solution} left",
    "{wanna,want to,gonna} {disappear,vanish} {forever,for good,}", "wish it had worked",
    "{wish,wished} i {hadn t,had not,didn t} {survived,survive}",
    "{wish,wishing,hope,hoping,pray,praying} i {would,could,d,will,just} {just ,}{die,not wake up,stop waking up}",
    "{so,really,just} tired of {everything,it all,life,trying,fighting}",
    "{done,finished} with {life,living,this life,my life,this world,existing}",
    "{would,d,i d} rather {die,be dead,not exist,not be alive}", "better off dead",
    "{i d,id,i would,i} be better off {gone,dead,not here,not existing,not alive,not being here}",
    "no reason for me to {live,keep going,go on,stay,be here,exist,keep living,stay alive}",
    "no reason to {keep living,stay alive,keep going,go on living,continue living}",
    "no {reason,point} {to live,in living,to go on,to keep going,to be alive,to exist,in going on,of living,in life}",
    "{what s,whats,what is} the point {of living,of life,in living,anymore,of going on,of being alive}",
    "nothing {left ,}to live for", "{not,isn t,is not,isnt,ain t} worth living",
    "life {isn t,is not,isnt} worth {it,living}", "why am i still {alive,here}",
    "{idk why,i don t know why,i dont know why,not sure why,why} {i m,im,i am} {even ,}still {here,alive,around}",
    "{don t,dont,do not} wanna {live,be alive,exist,be here,wake up,go on} {anymore,any more,.}",
    "why {should,do} i {keep living,stay alive,go on,even exist,exist}",
    "i just want {it,everything,it all,the pain,this pain,all of this,this} to {stop,end,be over}",
    "want it all to {end,stop,be over}", "{ready,time} to go", "my time to go", "it s my time",
    "{don t,dont,do not} want to be here", "not want to be here anymore", "can t wait to die",
    "counting down the days",
    # Wishing for an end by accident, or not to be rescued: 'wouldn't be so bad if a car hit me'.
    "{wouldn t,would not,wouldnt} {be so bad,be the worst thing,be bad,mind} if {a car,a bus,a truck,a train,something,"
    "someone,a drunk driver} {hit,killed,ran over} me",
    "{wouldn t,wouldnt,would not} mind {dying,not waking up,if i died,being dead,getting hit,if it all ended}",
    "{don t,dont,do not} want to be {saved,rescued,found,revived,resuscitated}",
    "wish i could {go to sleep,fall asleep,sleep} {and not wake up,for a very long time,for a long time,forever,"
    "and never wake up,for years}",
    "{the,those,these,my} {dark ,suicidal ,}{thoughts,urges} {are ,keep ,have been ,}{coming back,returning,getting "
    "stronger,getting louder,getting worse}",
]
HOPELESS_EN = [
    "i {can t,cant,cannot} {do this,take this,take it,go on,keep going,keep doing this,handle this,live like this,"
    "cope,keep living,carry on} {anymore,any more,much longer,any longer}",
    "{i can t,i cant,i cannot,can t,cant,cannot} {go on,keep going,live like this,carry on,keep living,do this anymore}",
    "{can t,cant,cannot} {take,do} it anymore", "nothing will ever get better", "it will never get better",
    "{nothing,it,things,life} {ever ,}{gets,get} better {.,for me}", "{it,things,life} never {gets,get} better",
    "never going to get better", "{there s,there is} no hope", "no hope left", "i give up on {life,everything}", "i give up",
    "{out of options,no options left,nothing works,nothing helps,tried everything}",
    "{can t,cant,don t,dont,do not} {really ,even ,}see {a,any} future", "{done,finished,tired of,sick of} trying",
    "{don t,dont,do not} know if i can {keep going,go on,do this,take it,hold on,anymore,survive}",
    "{can t,cant} keep pretending", "pretending {i m,to be,im} {okay,ok,fine,happy}",
    "{can t,cant,cannot} {take,handle,bear,stand} {the pain,this pain,it,this,the loneliness,living,my life} "
    "{anymore,any more,much longer}",
    "{don t,dont,can t,cant,do not} see a way {forward,out}", "{there s,there is,theres} no point {.,anymore,any more,in anything}", "i have nothing left", "nothing left for me",
    "nothing matters {anymore,any more,.}", "{what s,whats,what is} {even ,}the point {.,of trying,of me}",
    "{i don t think,i dont think,don t think} i can {do this,keep doing this,go on,keep going,take it,take much more,"
    "hold on,last,survive}", "{can t,cant,cannot} keep {doing this,going,living,fighting,trying}",
    "{how much longer,how long} i can {hold on,keep going,do this,take this}",
    "{what s,whats,what is} {even ,}the point {anymore,of it all,of anything,of me,in anything,in trying}",
    "i {have,ve} given up", "i m giving up", "no future for me", "i have no future",
    "{giving,give,gave} up on {life,everything,living,myself}",
    "{i m,im,i am} so done", "i m done .", "{im,i am} done .",
    "{nothing,no future,nothing good} {ahead of me,ahead,to look forward to}", "{done,finished,stopped,gave up} hoping",
    "why {do ,}i {even ,}bother {.,anymore,trying,with anything}", "everything i {do,touch,try} {falls apart,fails,goes wrong}",
]
BURDEN_EN = [
    "{everyone,everybody,they,people,the world,my family,my friends,my kids,my parents,everyone else,we,you all}"
    " {would be,d be,will be,is,are,would all be} better {off ,}without me", "better off without me", "better off if i {wasn t,weren t,was not,was gone,disappeared,died}",
    "{world,everyone,everything,life} would be {a better place,better,easier} without me", "better place without me",
    "{i m,im,i am} {a,such a,just a,only a,nothing but a} burden", "feel like {a,such a,a huge,a big} burden",
    "{would anyone,would anybody,would people,does anyone} {even ,}{care,notice,miss me,come}", "burden {to,on} {everyone,my family,my friends,"
    "others,my parents,everybody,the people around me,them}", "i ruin everything", "no one would miss me",
    "{nobody,no one,noone} would {,even }{care,notice} if i {just ,}{died,was gone,disappeared,vanished,killed myself,"
    "wasn t here,left,stopped existing}",
    "who would {care,notice} if i {died,was gone,disappeared}",
    "{a,such a,just a,nothing but a,a huge,a constant} {weight,drag,drain,burden} {on,to,for} {everyone,everybody,my family,"
    "my friends,my parents,the people around me,them,others,the people i love}",
    "{tired of,sick of,fed up with,only} {dealing with,putting up with,put up with,looking after,having to deal with} me",
    "better off {if i,when i m,when i am} {just ,}{gone,wasn t in it,wasn t in their lives,wasn t in the picture,not around}",
]
MEANS_EN = [
    "{i have,i ve got,i got,got} {a bottle of,a stash of,enough,a box of,a handful of,all these} {pills,meds,tablets,"
    "sleeping pills,painkillers}",
    "{bottle,stash,pile} of {pills,meds,sleeping pills} {in my room,next to me,in front of me}",
    "{counting,counted,lined up,laid out,lining up} {the,my,all the,all my} {pills,tablets,meds}",
    "{a bottle of,bottles of,a box of,a stash of,a handful of} {my mom s,my moms,my mum s,my dad s,my dads,her,his,"
    "someone s,my nan s,grandma s} {pills,meds,tablets,sleeping pills,painkillers,medication}",
    "{with,holding,got} {a,the,my} {razor,razor blade,blade}",
    "{knife,razor,blade,gun,pills,rope} in my hand",
    "{sitting,standing,lying} {in the bathtub,in the bath,on the ledge,on the edge,on the roof,on the tracks}",
    "{have,got,keep} a gun in the house", "{had,have,got} everything ready",
    "{i have,i ve got,i got,got,i keep,keep,i bought,bought} a {rope,noose}",
    "{a,the} {rope,noose} in {my,the} {closet,room,car,bag,wardrobe,garage,drawer,trunk,boot,backpack}",
    "{i have,i ve got,i got,got,have} the means", "the means to do it",
    "{keep,kept,been} {looking at,staring at,holding} {the,my,a} {knife,blade,razor,pills,rope,noose,gun,bottle of pills}",
]
ENTRAPMENT_EN = [
    "i feel trapped", "{so,completely} trapped", "trapped in {this life,my life,my body,this body,my own head,my head,"
    "my mind,this hell,my own mind}", "no way out", "there s no way out", "no escape", "i want out",
    "can t escape {my,this} {head,mind,brain,life,pain}",
]
SELF_INJURY_EN = [
    "self {harm,harming,harmed,injury,injuring,injure}", "selfharm",
    "{cut,cutting,burn,burning,hurt,hurting,harm,harming,punish,punishing,starve,starving} my{ ,}self",
    "{slit,slitting,cut,cutting,slice,slicing,slash,slashing} my {wrist,wrists,arm,arms,thigh,thighs,legs,skin}",
    "{urge,urges} to {cut,self harm,hurt myself}", "do something to myself", "{scared,afraid} i {ll,m going to,might} hurt myself", "relapsed on {self harm,cutting}", "{started,start} cutting again",
    "{been,started,keep,kept,i m} cutting {again,myself,my arms,my legs}", "cutting again", "i relapsed",
    "cut {deeper,too deep,myself}", "{i cut,i burned,i hurt myself} {again,last night,tonight,today,yesterday}",
    "{cut,burned,hurt myself} again", "relapsed {with,on,into} {self harm,cutting,burning}",
    "{cut,burned,burnt,hurt,harmed,hit,bruised,scratched,punished,starved} myself {on purpose,deliberately,intentionally,"
    "to feel,so i could feel,because i deserve,because i deserved,to punish}",
    "{burned,burnt,burn,burning} myself with {a,the} {lighter,cigarette,match,matches}",
    "my {arms,wrists,thighs,legs} are {a mess,covered,full of cuts,scarred}", "fresh cuts",
    "{scratching,scratch,scratched,picking,picked,hitting,hit,punching,burning,biting} {my ,myself ,}{arms,wrists,skin,legs,"
    "thighs,myself} {until,till,so hard} {they bleed,it bleeds,i bleed,they bled,it bled,i bled,they bruise,it bruises}",
    "the urge to {cut,hurt myself,self harm,burn myself}",
]
ATTEMPT_EN = [
    "{i attempted,i tried} {last year,before,once,twice,years ago,again,when i was}", "attempted {last,before,twice}",
    "almost {did it,went through with it,killed myself,ended it,jumped}",
    "{tried,attempted,try,trying} to {kill myself,end my life,end it,commit suicide,overdose,hang myself,"
    "take my life,end it all}", "{my,a,the} suicide attempt", "attempted suicide", "survived {an,my} attempt",
    "{i attempted,i ve attempted,i have attempted,i had attempted} {.,and,but,when,in,at,after,before,twice}",
]
THIRD_PARTY_EN = [
    "{kill,killing,killed,kills} {himself,herself,themselves,themself}", "{wants,want} to die",
    "{is,s} suicidal", "{tried,attempted,trying,threatening,threatened} to kill {himself,herself,themselves}",
    "{cuts,cutting,hurting,harming,hurts,harms} {himself,herself,themselves}",
    "{end,ending} {his,her,their} life", "{took,take} {his,her,their} {own ,}life",
    "{wants,keeps saying she wants,keeps saying he wants,talks about wanting} to {disappear forever,vanish forever,"
    "not exist,stop existing,not be alive,not be here anymore,die}",
    "{giving,gave,given} {her,his,their} {stuff,things,belongings,possessions,pets} away",
    "{giving,gave,given} away {her,his,their} {stuff,things,belongings,possessions,pets}",
]
EUPHEMISM_EN = [
    "{do,doing} it tonight", "going to do it tonight", "goodbye {everyone,world,all,guys,everybody}",
    "{this is it,this is the end} for me", "{i m sorry,sorry} for everything", "{i m,im,i am} {finally ,}going to do it", "do something stupid",
    "{i have,i made,i ve made,made} a plan", "{planning,planned} it for", "planning my {exit,death,way out,escape}",
    "{thinking about,thought about,think about} using it",
    "{not going to,won t,wont,will not} be {here,around,alive} {by,after,next,much longer,anymore,tomorrow,for long}",
    "{i m sorry,sorry} {mom,mum,dad,everyone,guys} i {tried,really tried}", "if {i m,im,i am} not here {next week,tomorrow,anymore,by then}",
    "{weirdly,strangely,oddly} calm", "{won t,wont,will not} {bother,burden} {you,anyone} {much longer,anymore}", "tonight s the night", "tonight is the night", "go through with it",
    "this is the end for me",
    "{it s,its,it is} not for {protection,self defense,self defence,hunting,the range}",
    "{gave,giving,given,give} away {my,all my} {cat,dog,pets,pet,guitar,games,books,clothes,things,stuff,belongings,collection,plants}",
    "{deleted,deleting,delete} all my accounts", "{this is,here is,here s} my goodbye", "my goodbye {post,message}",
    "{i m going to,im going to,i m gonna,im gonna,gonna,going to} jump {.,now,tonight,today,soon}",
    "{taking,going to take,gonna take} them all", "{going to,gonna,gon na,i ll,ill,i will} use it on myself",
    "{tonight,today,tomorrow,this weekend,sunday,monday,tuesday,wednesday,thursday,friday,saturday} {is,s} {the day,"
    "the night,when it ends,when it stops,when i do it,the night i do it,the day i do it,when i go,it}",
    "{the day,the night} i {do it,end it,finally do it,go through with it}", "{to whoever,whoever} {reads,finds} this",
    "{my plan is,the plan is} to {wait,do it,go}",
]
ARRANGEMENT_EN = [
    # Final instructions and letters: 'left instructions', 'notes to everyone', 'who gets the cat'.
    "{wrote,written,writing,left,leaving,finished,finished writing,put} {a letter,a note,letters,notes,instructions,"
    "a message} {for,to} {my,everyone,everybody,the}", "{left,leaving,wrote,written} instructions",
    "my {note,letter} is {on,in,under}", "{passwords,password,pin,bank details} {is,are} in", "{the dog,the cat,my dog,my cat,"
    "the cats,the dogs} {goes,go,has food,have food,gets,get fed} {to,for}", "{who gets,who will get,who should get} {my,the} "
    "{cat,dog,things,stuff}", "{my ,}{bank details,passwords} {and passwords ,}{are ,}{in,for}",
    "{packed,packing,boxed,sorted} {up ,}{everything,all my things,my stuff,my things,my room} for",
    "{wrote,written,writing,left,leaving} {down ,}my passwords", "my passwords {for,to}",
    "{the ,my ,all my ,all the }bills are {paid,sorted,taken care of}", "{paid,paying} off {all ,}my {debts,bills}",
    "{my cat,my dog,my pets,my pet,the cat,the dog} {is,are,will be,is going,are going,went} {with,to} {my friend,my neighbour,"
    "my neighbor,my sister,my brother,my mom,my mum,a friend,someone,my parents}",
    "{found a new home for,rehomed,rehoming,found homes for} my {cat,dog,pets,pet,cats,dogs}",
    "{don t think,dont think,doubt} {i ll,ill,i will} need {it,any of it,them,anything,this,my}",
    "{i have,i ve got,i ve,got,have} everything {arranged,sorted,in order,planned,taken care of}",
    "{put,putting,got,getting} my affairs in order", "{sorted,sorting} out my {affairs,will,finances}",
    "{the last time,last time} {i ll,ill,i will,i m going to,you ll} {post,write,be here,see,hear from me}",
    "{wanted,want} to say {thanks,thank you,goodbye,sorry} {to,before}", "{not,never,won t be} coming back",
    "{say,said,saying} goodbye to {my,everyone,everybody}", "{won t,wont,will not,not going to} need {them,it,these,those}",
]
ARRANGEMENT_JA = [
    "{猫,犬,ペット}{は,を}{友達,知人,実家,親,友人}に{預けた,託した,譲った,預けました}", "部屋{も,を}{片付けた,片づけた,整理した}",
    "{荷物,持ち物,服,私物}{を,も}{全部,}{処分,整理,捨てた}", "{もう,}思い残すことは{ない,ありません,何もない}",
    "{パスワード,口座}{を,も}{書いて,メモして,残して}",
    "{手紙,メモ}を{書いた,残した,置いた}", "{通帳,パスワード,口座}{と,は,を}",
]
# Veiled farewells in Japanese: one alone is a check-in, two together urgent (as in English).
EUPHEMISM_JA = ["{今日,今夜,今晩}で最後に{します,する,しよう}", "みんな{、,}{今まで,}ありがとう", "i love you all .", "さようなら{、,。,}みんな",
                "今まで{ありがとう,ありがとうございました}", "{明日,明日の朝,朝}には{もう,}{いない,この世にいない,全部終わって}",
                "{全部,すべて,何もかも}終わって{る,いる}{と思う,はず}", "探さないで",
                "{もうすぐ,やっと,これで}楽になれ{る,ます}", "あと少しの勇気", "勇気が{出ない,でない,出れば}"]
METHOD = [
    "pills", "sleeping pills", "rope", "noose", "gun", "pistol", "shotgun", "bridge", "train", "tracks",
    "roof", "rooftop", "ledge", "razor", "razor blade", "blades", "bleach", "charcoal", "helium",
    "overdose", "cliff", "cliffs", "tall building", "train tracks", "painkillers", "tablets", "revolver", "firearm",
    "ropes", "bridges", "knife", "balcony",
    "練炭", "ロープ", "睡眠薬", "線路", "電車", "屋上", "包丁", "カッター", "首吊り", "飛び降り", "薬を大量", "ベランダ",
    "樹海", "血が止まらな", "bleeding won t stop", "can t stop the bleeding",
    "{線路,屋上,橋,崖,ビル}{の上,の端,の縁}{に,で}{立って,いる,座って}", "血がたくさん", "血がいっぱい", "so much blood", "bleeding a lot",
]
# Means of suicide that everyday plans hardly name: with a time, urgent ('tonight ... the noose').
LETHAL_MEANS = [  # each starts with a rare word: a phrase starting 'the' would be walked at every 'the'
    "noose", "ligature", "exit bag", "{hose,hosepipe} {and tape,to the exhaust,from the exhaust}",
    "{walk,walking,wade,wading,swim,swimming} {into,out into,in to} the {sea,river,lake,ocean}",
    "{lie,lying,stand,standing,sit,sitting} on the tracks", "{every pill,whole bottle,bag of pills,bottle of pills}",
    "練炭", "樹海", "{ロープ,ベルト,紐,コード}{を,で,が}{かけ,掛け,結}", "海に入",
]
# Means and places named in passing ('a belt on the closet rail', 'the helium tank', 'the cliffs'):
# urgent only with a sign of intent, never with a time alone ('the express tonight' is a timetable).
MEANS_PLACES = [
    "{oxy,oxys,oxycodone,oxycontin,fentanyl,morphine,insulin,lamotrigine,lithium,sertraline,amitriptyline,benadryl,"
    "codeine,tramadol,vodka}", "helium", "nitrogen", "{charcoal,disposable} {grill,bbq,barbecue,burner}",
    "{closet,wardrobe,curtain} rail", "{door handle,doorknob}", "medicine cabinet", "overpass", "viaduct", "express",
    "multi storey", "{lake,river,sea,ocean,reservoir,quarry,woods,forest,platform} {and,.}", "train station",
    # Japanese substrings are matched without overlap: a bare 睡眠薬 would hide 薬をためて in it.
    "七輪", "終電", "ドアノブ", "{屋上,崖,橋の上,ホームの端,ビルの屋上}{に,で}{いる,立って,来た,来てる,座って}",
    "{崖,橋,屋上,海,線路}{に,へ}{行く,向か,来た}",
]
LATIN_METHOD = [phrase for phrase in METHOD if not is_cjk(phrase[0])]
RESOLVE = ["{i ve,ive,i have} made up my mind", "{i ve,ive,i have} made my decision", "{i m,im} not scared anymore", "at peace with {it,my decision}", "made {my ,}peace with {it,my decision,dying,death,this}", "{i ve,ive,i have} decided", "my mind is made up", "no going back",
           "i m sure this time", "it s decided",
           # Finality, said of oneself: 'not coming back', 'this is it', もう戻らない.
           "{not,never,won t be} {coming,come,going} back", "this is it .", "it s time .", "{get,got,getting} the nerve",
           "{everything s,everything is,it s all} {ready,set,planned}", "let it take me", "{enough,plenty} now .",
           "{no one,nobody} will find me", "{been planning,planned,planning} this {for,since}", "just wanted someone to know",
           "もう戻らない", "戻るつもりはない", "もう会えない", "もう決めた", "決心した", "覚悟はできた", "準備はできた", "準備はできてる"]
# When no one will be there to stop it: 'once my roommate goes away', 'until everyone is asleep'.
OPPORTUNITY = [
    "{until,till,for,when,once,after} {everyone,everybody,my parents,my roommate,my family,my wife,my husband,my partner,"
    "mum,mom,my mum,my mom,they,the house} {is asleep,are asleep,goes to sleep,go to sleep,go to bed,goes to bed,leave,leaves,"
    "is out,are out,go away,goes away,is gone,are gone,is empty,to go away,to leave,to go to sleep}",
    "{家族,親,みんな}が{寝たら,寝静まったら,出かけたら,いなくなったら}",
]
TIME_IMMINENT = [
    "tonight", "tonight s the night", "right now", "in {a few,} minutes", "before then", "after work", "once the kids {are asleep,are in bed}", "in an hour", "in a few hours", "at midnight", "after everyone {goes to sleep,is asleep}",
    "今夜", "今晩", "今から", "今すぐ", "これから",
]
TIME = [
    "today", "tomorrow", "this weekend", "this week", "on my birthday", "on {monday,tuesday,wednesday,thursday,"
    "friday,saturday,sunday}", "soon", "last night", "yesterday", "this morning", "just now",
    "今日", "明日", "週末", "もうすぐ", "昨日", "昨夜",
]

_DIE_JA = "{死に,しに,シニ,タヒに,氏に,4に}"
INTENT_JA = [
    "練炭{を,で}{やる,焚く,する,します}",
    "{今夜,今晩,今日,明日,今から,これから}{死ぬ,死のう,死にます,しぬ,しのう,自殺,飛び降り,首を吊}",
    "死ぬ{ことにした,と決めた,決心,つもり}", "{自殺,死ぬ,首吊り}の準備{が,は,も}{できた,出来た,整った,済んだ}",
    "{睡眠薬,薬,錠剤,市販薬,眠剤}を{大量に,まとめて,一気に}飲{む,みます,もう}", "全部飲んで{死,終わらせ,楽に}", "{今日,今夜,今晩}で終わりにする",
    "{電車,線路,ホーム}に飛び込{む,みます,もう}", "{自殺,じさつ}{する,します,しよう,しようと思,すると決め,を決め,を決意,決行}",
    "決行{する,します,は}", "{飛び降り,飛び込み}ます", "首{を,}吊{る,ります,ろう}",
    "{海に入って,入水して,首を吊って,首吊って,飛び降りて,飛び込んで,薬を飲んで,練炭で,手首を切って}{死ぬ,死にます,死のう,死ぬつもり}",
    "{ホーム,線路,電車,駅,ビル,屋上,橋,マンション}{から,に,へ}飛び{込も,降りよ,込む,降りる,込みます,降ります}",
    "もう終わりに{する,します,しよう}", "{全部,人生,すべて,何もかも}{を,}終わりに{する,します,しよう}",
    "人生を終わらせ{る,ます,よう}", "{死ぬ,しぬ,自殺する}{準備,覚悟}{が,は,を}",
    # A method verb with an intention: 飛び込むつもり, 首を吊ると決めた.
    "{飛び込む,飛び降りる,首を吊る,首吊る,自殺する,終わらせる,消える}{つもり,と決めた,ことにした,ことに決めた,覚悟}",
    "{電車,線路,ホーム,ビル,屋上,橋}{で,から,に}飛び{込む,込みます,込もう,降りる,降ります,降りよう}",
]
PREPARATION_JA = [
    "練炭{を,と七輪を,も}{車に,部屋に}{積んだ,運んだ,置いた}",
    "{練炭,ロープ,睡眠薬,縄,七輪}{を,}{買った,買ってきた,用意した,準備した,買いました,用意しました,手に入れた}",
    "薬を{たくさん,いっぱい,大量に,沢山,}{溜めて,貯めて,集めて,溜めた,貯めた,ためて,ためた,ため込}", "身辺整理",
]
SEEKING_JA = [
    "{楽に,確実に,簡単に,痛くなく,痛みなく}死ねる", "{自殺,じさつ}の{方法,仕方,やり方}", "死に方{を,}教えて",
    "致死量", "首吊りの{方法,やり方}", "何錠で死", "{何分,何秒,何時間,どのくらい,どれくらい}{くらい,ぐらい,}で死{ね,ぬ}",
    "確実に死ね{る,ます}", "{痛くない,苦しくない,楽な}{死に方,死ぬ方法,自殺}",
    "{首吊り,飛び降り,練炭,od,オーバードーズ,入水}{って,は}{苦しい,痛い,楽,確実,死ね}", "{何階,何メートル}から飛び降り", "{たら,れば}{確実に,すぐ,すぐに,楽に,}死ね{るか,ますか,るの,るかな}", "{死ぬ,死ねる,自殺の,自殺する}方法{を,ばかり,ばっかり,}{調べ,探し,検索,ググ}",
]
GOODBYE_JA = [
    "{遺書,いしょ}{を,は,も}{もう,}{書いた,書きました,書いてる,書こう,書く,残す,残します,用意,置いて,置きました,机}", "遺書書いた",
    "{最後,さいご}の{投稿,書き込み}", "みんな{さようなら,さよなら,ばいばい}",
]
IDEATION_JA = [
    _DIE_JA + "{たい,たく,たかった,たすぎ,たぃ,てえ,てぇ,てー,たみ}", "死にてえ", "しにてえ", "タヒりたい", "しにたい",
    "死のう", "しのう", "{死にたさ,消えたさ,死にたみ}", "死んで{しまいたい,しまおう}", "{死んじゃいたい,しんじゃいたい,死んじゃおう}",
    "死んだ{方,ほう}が{いい,まし,マシ,楽}", "死ねたら", "死ぬしかない", "希死念慮", "{自殺,じさつ}", "自死",
    "{自殺,じさつ}{したい,しようかな,願望}", "消えたい", "消えちゃいたい", "消えてしまいたい", "消えてなくなりたい",
    "きえたい", "いなくなりたい", "居なくなりたい", "消滅したい", "この世から消えたい", "この世にいたくない",
    "生きていたくない", "生きたくない", "生きてい{る,く}意味{が,は,}{ない,無い}", "生きてる意味{が,は,}{ない,無い}",
    "生きる意味{が,は,}{ない,無い}", "生きるのが{つらい,辛い,しんどい,疲れた}", "生きてるのが{つらい,辛い,しんどい}",
    "生きるのに疲れた", "生きてても{仕方ない,しょうがない,意味ない}", "楽になりたい", "命を絶",
    "生まれてこなければよかった", "生まれてこなきゃよかった", "生まれてきてごめん", "目が覚めなければ",
    "永遠に眠りたい", "終わりにしたい", "全部終わらせたい", "飛び降りたい", "飛び降りよう", "飛び降りる",
    "飛び込みたい", "飛び込もう", "{電車,線路,ホーム}に飛び込", "首を吊りたい", "首吊りたい",
    "死ぬこと{ばかり,ばっかり,を,しか}考え", "死ぬことしか", "{生きてる,生きる,生きている,私に,自分に,僕に,俺に}価値{が,は,}{ない,無い}",
    "明日が来なければ", "生きる{の,こと}を{やめたい,止めたい,やめる,やめよう,終わりにしたい}", "飛び降りたら", "死んだら{楽,どうなる,みんな}", "目覚めたくない", "目を覚ましたくない", "{生きる,生きてる,生きている}意味{が,は,}{本当に,全然,もう,}{わからない,分からない,見つからない}",
    "いなくなった{方,ほう}が", "いない{方,ほう}が{いい,幸せ,楽,まし}", "死んでしまえば", "死ねば楽",
    # Potential and conditional forms: 消えられたら, いなくなれたら, いっそ死ねれば.
    "{消え,きえ}{られたら,れたら,られれば,てしまえたら,ちゃえたら,てしまいたい,ちゃいたい}", "いなくなれ{たら,れば}",
    "いっそ{死,消え,いなくな,しん}", "死ね{れば,ますように}",
]
SELF_INJURY_JA = ["自傷", "リスカ", "リストカット", "アムカ", "レグカ", "手首を切", "腕を切", "オーバードーズ",
                  "薬を全部飲{む,んだ,もう,みたい}", "全部飲んだら",
                  "od{した,する,しよう,しちゃ,してしま}", "薬を大量に", "{手首,腕}を{深く,また,何度も}切"]
BURDEN_JA = [
    "{消えても,いなくなっても,死んでも}誰も{気づかない,気付かない,悲しまない,困らない}",
    "{私,僕,俺,自分,あたし}{なんか,なんて}いない{方,ほう}が",
    "{私,僕,俺,自分,あたし}{なんか,なんて,は,が}{いなくなれば,いなくなったら,消えれば,死ねば,死んだら}", "{私,僕,俺,自分}{は,が}{いない,居ない}{方,ほう}が",
    "{迷惑,負担}{ばかり,ばっかり}かけて", "誰にも必要とされて{ない,いない}", "生きてるだけで迷惑",
    "必要と{されてない,されていない,してない,していない}", "{私,僕,俺,自分}{のこと,}{なんて,なんか}{必要,いらない,要らない}",
]
HOPELESS_JA = ["誰か{止めて,とめて}", "限界{。,、,！,.,. ,}もう無理", "もう無理{。,、,.,. }誰か", "生きる気力{が,も}{ない,無い,なくなった}", "何のために生きて{る,いる}", "もう{限界,無理だ,生きられない,疲れた,耐えられない,たえられない}", "{もう,これ以上}{頑張れ,がんばれ}{ない,ません}", "{耐えられない,たえられない}{、,。,}{助けて,もう無理}", "逃げ場が{ない,無い}", "希望が{ない,無い}", "未来が{ない,無い}",
               "絶望{する,してる,している,しかない,して}", "{もう,}生きていけ{ない,ません}"]

WEAK_EN = [
    ("nothing makes me happy", "anhedonia"), ("{used to love,used to enjoy}", "anhedonia"),
    ("{lie,lying,stay,stayed} in bed all day", "anhedonia"), ("can t get out of bed", "exhaustion"),
    ("{no one,nobody,noone} {cares,understands,notices} {about me,me,}", "loneliness"), ("{so,all} alone", "loneliness"),
    ("{i m,im,i feel} {just ,really ,completely ,totally ,}{so ,}{numb,empty,hollow,broken,worthless,useless}", "numbness"),
    ("{haven t,have not,havent} {left,gotten out of,got out of} {my ,the }{bed,room,house,flat,apartment}", "anhedonia"),
    ("{so,really,very,severely,extremely} depressed", "low mood"),
    ("{can t stop,keep} crying", "emotional pain"), ("i have no one", "loneliness"), ("i hate myself", "self-hatred"),
    ("{i m,im} {a failure,a disappointment,a mess,pathetic}", "defeat"), ("{so,really} tired", "exhaustion"),
    ("weight on my chest", "emotional pain"), ("falling apart", "emotional pain"),
    ("{i ,}deserve to {suffer,be punished,be in pain,feel pain,be hurt}", "self-hatred"), ("{feel,feeling} {so ,}hopeless", "defeat"),
    ("消えたくなる", "emotional pain"), ("つらい", "emotional pain"), ("辛い", "emotional pain"), ("しんどい", "exhaustion"),
    ("孤独", "loneliness"), ("誰も{私,僕,俺,自分}の{気持ち,こと}{なんて,を,は,}{わかって,分かって,理解して}くれない", "loneliness"), ("ひとりぼっち", "loneliness"), ("虚しい", "emptiness"), ("むなしい", "emptiness"),
    ("自分が嫌い", "self-hatred"), ("価値{が,の}ない", "worthlessness"), ("何もしたくない", "anhedonia"), ("眠れない", "exhaustion"),
    ("涙が止まらない", "emotional pain"),
    # Families of the signs peers describe: not sleeping or eating, withdrawing, no future, no joy.
    ("{haven t,havent,have not,barely,can t,cant,not} {slept,sleep,been sleeping,sleeping} {in days,for days,in a week,"
     "for a week,more than,at all,properly}", "exhaustion"),
    ("{haven t,havent,have not,barely,can t,cant,not,stopped} {eaten,eat,eating,been eating} {in days,for days,since,"
     "much,anything,properly,at all}", "exhaustion"),
    ("{stopped,stop,not} {answering,replying to,talking to,texting,picking up} {my phone,anyone,people,my friends,texts,"
     "calls,messages,the phone}", "loneliness"),
    ("{haven t,havent,have not} {talked,spoken,seen} {to ,}{anyone,anybody,a single person,another person}", "loneliness"),
    ("{isolating,isolated,shut} myself", "loneliness"), ("{no one,nobody,noone} {to talk to,to turn to,i can talk to}", "loneliness"),
    ("{lie,lying,lay,laying} {there,in the dark,on the floor,in bed for hours}", "anhedonia"),
    ("{don t,dont,can t,cant,do not} {enjoy,feel} anything {anymore,.,at all}", "anhedonia"),
    ("{lost,no,zero} interest in {everything,anything,things i used to love}", "anhedonia"),
    ("why {do ,}i {even ,}bother", "defeat"), ("{nothing,no future} ahead of me", "defeat"),
    ("{it ,things ,}never {gets,get,got} better", "defeat"), ("{done,tired of} hoping", "defeat"),
    ("{cry,crying,cried} {myself to sleep,every night,every day,all the time,for hours}", "emotional pain"),
    ("{i m,im,i am,i feel} {so ,}{worthless,useless,pathetic,disgusting,unlovable,a waste}", "worthlessness"),
    ("{食べて,食べられて,たべて}{ない,いない}", "exhaustion"), ("{寝て,眠れて}{ない,いない}", "exhaustion"),
    ("{泣いて,泣いてる,泣いてばかり,泣き続け}", "emotional pain"), ("{一人,ひとり}{で,ぼっち}", "loneliness"),
    ("{楽しく,たのしく}{ない,なくて,なくなった}", "anhedonia"), ("{どうでもいい,どうでも良い}", "meaninglessness"),
    ("嫌になった", "defeat"), ("何のために", "meaninglessness"), ("居場所が{ない,無い}", "loneliness"),
    ("{自分,私,僕,俺}{なんて,なんか}", "worthlessness"), ("部屋から出{られない,れない,てない}", "anhedonia"),
    ("{誰とも,誰にも}{話して,会って,相談でき}", "loneliness"),
]
BENIGN = [
    "suicide {squad,prevention,awareness,hotline,helpline,lifeline,crisis line,watch,rates,rate,statistics,research,"
    "bomber,bombers,bombing,doors,mission,run,forest,silence,sprints,sprint,drills,squeeze,pass,lane}",
    "{prevent,preventing,prevention of} suicide", "{career,political,social,financial,commercial,electoral} suicide",
    "suicide {is,was} {never,not} the answer", "{kill,killing,killed} my{ ,}self {laughing,with laughter}",
    "self {harm,injury} {awareness,prevention}", "to die for", "{d,would,i d} die for {a,some,this,that,the,an}",
    "die of {laughter,embarrassment,boredom,cringe}", "{died,dying} laughing", "dying to {see,know,try,go,meet,get}",
    "{world,national} suicide prevention", "suicide and crisis lifeline", "i want to die {laughing,of laughter}",
    "ready to go {out,home,to,shopping,for,back}", "time to go {home,to,out,back,shopping,now,already}",
    "kms {away,from,north,south}", "no way out of {this traffic,the parking,this parking,the car park,this maze}",
    "last {post,message} {of the year,of the day,for today,for a while,for now,before i,in this thread,on this,about}",
    "{ready,time} to go {to,home,out,back,shopping,for,now,already,whenever}", "{i give up on,give up on} {this,the,trying to}",
    "i want to die {of embarrassment,of laughter,laughing}", "i hate myself for {eating,buying,forgetting,not}",
    "end {it,things} with {my,him,her,them,the,this,that}", "{die,dye,dying,dyed} my hair",
    "{so done,i m done,im done} with {this week,today,work,school,exams,this semester,my job,this job,this game,"
    "this weather,mondays,homework,my homework,this class,this project,people s,the,this traffic,traffic}",
    "overdose {deaths,death rates,rates,crisis,epidemic,cases,prevention,awareness,reversal}", "限界まで",
    "{if you re,if you are,are you,if you feel,if you re feeling,if you are feeling} {feeling ,}suicidal",
    "{自殺,じさつ}{防止,予防,対策,総合対策,率,者数,の報道,ニュース,統計,未遂者支援}",
    "{飛び降り,首吊り,自殺,飛び降りる,飛び込む}{の,する,}シーン", "死ぬほど", "死ぬかと思った", "死ぬ気で",
    "死ぬまでに", "笑い死", "自殺行為", "{恥ずかし,はずかし}{すぎて,くて}{死にたい,しにたい,消えたい}", "しにたいし{て,た}", "しにたいする", "死にたくない", "消えたくない",
    "飛び込み{営業,台,競技,選手}", "飛び降り{防止,自殺防止}", "今までありがとう{ございました,}{、,}{これからも,また}",
    # Statistics and medical facts: 'people die by suicide', 'an overdose can damage the kidneys'.
    "{die,died,dies,deaths,death,lost} by suicide", "{an,a,the} overdose {can,could,may,might,causes,will cause}",
    "overdose {can,could,may,might,will} {cause,damage,lead to,result in}",
    # Safety talk and reporting about a danger, not a wish: 'the overdose risk', 'a suicide barrier'.
    "{the ,an ,}overdose {risk,risks,warning,warnings,danger,symptoms,signs}", "{risk,danger,signs} of {an ,}overdose",
    "suicide {barrier,barriers,net,nets,fence,hotline,hotlines,helpline,helplines,line,awareness,statistics,rate,rates,"
    "research,documentary,risk assessment}",
    "{rope,ropes} {ladder,swing,lights,light,access,course,toy,bridge,knot,knots}", "{skipping,jump,jumping,climbing,tow} rope",
    "rather die than {watch,eat,listen to,sit through,wear,be seen,work,do}",
    "{massage,glue,hot glue,nail,staple,heat,water,nerf,paint,spray,tattoo,caulk,grease,radar} {gun,guns}",
    "hopeless {at,with,when it comes to}", "{die,dying,died} {of,from} old age", "{書いた,書く}{ほうが,方が}", "{it s,its,it is} hopeless trying", "{disappear,vanish} {into,to} {a,the}",
    "suicide {is,was,remains} {the ,a ,}{leading,second leading,third leading,major,top,common} cause",
    "{an ,a ,}overdose of {the ,my ,his ,her ,their ,our ,}{dog,cat,pet,puppy,kitten,horse,bird,dogs,cats}",
    "{mondays,monday,this weather,the heat,traffic,this traffic,this song,this game,homework,this class,exams,my boss,"
    "this show,cringe,this heat} {make,makes,made} me {want to,wanna} {die,kill myself}",
]
# The writer now well ('I'm doing so much better now', '今は元気です'): what they tell of their past
# is a recovery story, not a concern.
RECOVERY = [
    "doing {so much ,much ,a lot ,way ,}better", "{i m,im,i am} {doing ,}{better,okay,ok,fine,good,well,happy,happier} now",
    "{now,today} {i m,im,i am} {doing ,}{better,okay,ok,fine,good,well,happy,happier,healthy,thriving}",
    "recovered", "in recovery", "doing {well,great,good,okay,fine} {now,these days,today,.}", "clean for", "{days,weeks,months,years} clean", "things got better", "it got better",
    "{haven t,have not,havent,never} {done it,cut,self harmed,relapsed,attempted,felt that way} since",
    "glad i {m still here,didn t,survived,stayed}",
    "今は{元気,大丈夫,幸せ,落ち着,楽しく,もう,治療,回復,前向き,毎日}", "元気{です,になった,になりました,にしてます,にやってます}",
    "克服", "立ち直", "回復し", "やめられた", "やめてから", "年経ちます", "年経った",
]
NEGATION = ["not", "never", "don t", "dont", "do not", "won t", "wont", "will not", "wouldn t", "wouldnt",
            "would not", "no longer", "didn t", "didnt", "did not", "isn t", "aren t", "never ever"]
THIRD_PERSON = ["he", "she", "they", "his", "her", "him", "my friend", "a friend", "my {best friend,bf,gf,boyfriend,"
                "girlfriend,sister,brother,mom,mum,dad,son,daughter,partner,wife,husband,roommate,cousin,classmate,kid,"
                "friends,student,patient,client,coworker,colleague}", "someone i know", "somebody i know", "someone close to me", "people who",
                "彼", "彼女", "友達", "友人", "母", "父", "娘", "息子", "姉", "妹", "兄", "弟", "彼氏", "知り合い"]
PAST = ["years ago", "months ago", "used to", "when i was", "in high school", "as a teen", "as a teenager",
        "as a kid", "in the past", "back then", "back in", "survived", "recovered", "clean for", "{days,weeks,months,"
        "years} clean", "i was", "once", "昔", "以前", "学生の頃", "若い頃", "年前", "子供の頃", "中学の頃", "高校の頃", "の頃"]
FICTION = ["movie", "film", "the show", "the song", "that song", "this song", "この歌", "この曲", "歌の", "曲の", "lyrics", "lyric", "the book", "the character", "in the game",
           "episode", "scene", "novel", "documentary", "the news", "article", "according to", "police", "officials", "researchers",
           "a study", "the study", "survey", "によると", "調査", "警察", "映画", "ドラマ", "漫画", "アニメ",
           "小説", "歌詞", "ゲーム", "シーン", "ニュース", "の講演", "講演", "報道", "夢を見", "の夢", "夢で"]
REPORTED = ["said", "says", "told me", "called me", "telling me", "tells me", "って言われ", "と言われ", "って言った",
            "と言った", "って言って", "って書いて", "と書かれ"]
OCCASION = ["moving", "move", "moved", "new job", "new house", "old house", "new flat", "holiday", "holidays", "vacation",
            "trip", "episode", "podcast", "season", "series", "channel", "stream", "party", "concert", "gig", "match",
            "semester", "graduating", "graduation", "retiring", "retirement", "last day", "the shop", "the store",
            "restaurant", "the team", "the club", "this project", "drunk", "charity", "the office",
            "異動", "転職", "退職", "卒業", "引っ越", "転勤", "閉店", "引退", "配信", "最終回", "旅行", "部署", "送別", "留学", "結婚", "移転"]
TRIVIAL = ["haha", "hahaha", "lol", "lmao", "lmfao", "this game", "the game", "level", "boss", "puzzle", "homework",
           "assignment", "essay", "exam", "exams", "traffic", "weather", "heat", "monday", "mondays", "diet", "gym",
           "printer", "wifi", "the queue", "going to bed", "off to bed", "bedtime", "this show", "this series", "this book", "this song", "concert",
           "笑", "ww", "ｗｗ", "宿題", "テスト", "ゲーム", "ラスボス", "有給", "寝る", "寝よう", "寝ます"]
# Words a phrase may have in between ('i just want it to stop', 'the thoughts are really coming back').
FILLERS = ["just", "really", "even", "honestly", "literally", "actually", "truly", "genuinely", "seriously", "simply",
           "kinda", "totally", "completely", "fucking", "fkn", "freaking", "so", "ever", "all", "sometimes", "often",
           "always", "lately", "very", "pretty", "absolutely", "definitely", "probably", "still", "finally", "now"]
FIRST_PERSON_JA = ["私", "わたし", "僕", "ぼく", "俺", "自分", "あたし", "うち"]


@dataclass(frozen=True)
class _Books:
    risk: PhraseBook
    modifiers: PhraseBook
    benign: PhraseBook
    weak: PhraseBook
    cues: PhraseBook


@lru_cache(maxsize=1)
def _books() -> _Books:
    """Compiled once per process (the lists are fixed)."""
    tiered, weak = lexicon_phrases()
    lexicon = [(skeleton(phrase).strip(), construct) for phrase, construct in tiered.items()
               if len(skeleton(phrase).strip()) > 2]
    own = (labelled("intent", INTENT_EN + INTENT_JA) + labelled("preparation", PREPARATION_EN + PREPARATION_JA)
           + labelled("method seeking", SEEKING_EN + SEEKING_JA) + labelled("goodbye note", GOODBYE_EN + GOODBYE_JA)
           + labelled("attempt in progress", IN_PROGRESS_EN + IN_PROGRESS_JA) + labelled("dose", DOSE_EN + DOSE_JA)
           + labelled("active ideation", ACTIVE_EN)
           + labelled("passive ideation", PASSIVE_EN + IDEATION_JA) + labelled("hopelessness", HOPELESS_EN
           + HOPELESS_JA) + labelled("burden", BURDEN_EN + BURDEN_JA) + labelled("entrapment", ENTRAPMENT_EN) + labelled("means at hand", MEANS_EN)
           + labelled("self-injury", SELF_INJURY_EN + SELF_INJURY_JA) + labelled("attempt", ATTEMPT_EN)
           + labelled("someone else at risk", THIRD_PARTY_EN) + labelled("euphemism", EUPHEMISM_EN + EUPHEMISM_JA)
           + labelled("arrangement", ARRANGEMENT_EN + ARRANGEMENT_JA)
           + labelled(LETHAL, LETHAL_MEANS) + labelled(MEANS_WORD, MEANS_PLACES + LATIN_METHOD))
    # A second scan, so that a modifier inside a phrase ('end it tonight') still counts.
    modifiers = (labelled("method", METHOD) + labelled("imminent time", TIME_IMMINENT) + labelled("time", TIME)
                 + labelled("resolve", RESOLVE) + labelled("opportunity", OPPORTUNITY)
                 + [(phrase, label) for phrase, label in lexicon if label == "method"])
    cues = (labelled("negation", NEGATION) + labelled("third person", THIRD_PERSON) + labelled("past", PAST)
            + labelled("fiction", FICTION) + labelled("reported", REPORTED) + labelled("recovery", RECOVERY)
            + labelled("occasion", OCCASION) + labelled("trivial", TRIVIAL))
    lexicon = [(phrase, label) for phrase, label in lexicon if label != "method"]
    weak_entries = [(skeleton(p).strip(), c) for p, c in weak.items()] + WEAK_EN
    return _Books(PhraseBook(lexicon + own, FILLERS), PhraseBook(modifiers, FILLERS),
                  PhraseBook(((phrase, "benign") for phrase in BENIGN), FILLERS), PhraseBook(weak_entries, FILLERS),
                  PhraseBook(cues))


@dataclass(frozen=True)
class Assessment:
    """What the rule concluded about one text."""

    tier: str
    constructs: tuple[str, ...]
    evidence: list[Hit]


class _Context:
    """The cues of one text, asked about each risk phrase (every question is a bisect)."""

    def __init__(self, form: str, cues: list[Hit]) -> None:
        self.clauses = ClauseIndex(form)
        self.cues = cues
        self.starts = [cue.start for cue in cues]
        self.recovering = any(cue.label == "recovery" for cue in cues)

    def near(self, hit: Hit, before: int = 40, after: int = 0) -> set[str]:
        start = max(self.clauses.start(hit.start), hit.start - before)
        end = hit.end + after
        labels = set()
        for cue in self.cues[bisect.bisect_left(self.starts, start):]:
            if cue.start > end:
                break
            if cue.end <= end and not (hit.start <= cue.start and cue.end <= hit.end):
                labels.add(cue.label)
        return labels

    def around(self, hit: Hit, label: str, before: int, after: int) -> bool:
        """Whether a ``label`` cue lies this many characters before or after, across clauses."""
        index = bisect.bisect_left(self.starts, hit.start - before)
        for cue in self.cues[index:]:
            if cue.start > hit.end + after:
                return False
            if cue.label == label:
                return True
        return False


def _first_person_ja(form: str, hit: Hit) -> bool:
    return any(word in form[max(0, hit.start - 20):hit.start] for word in FIRST_PERSON_JA)


def _contextualise(hit: Hit, context: _Context, form: str) -> Hit | None:
    """The hit as its context reads it: dropped, re-labelled, or as it is."""
    japanese = is_cjk(form[hit.start])
    window = context.near(hit, before=12 if japanese else 40, after=8 if japanese else 0)
    negated = "negation" in context.near(hit, before=20)
    if "fiction" in window or (negated and not japanese):
        return None
    if hit.label in MEANS:  # someone else's, a past or a reported one is no means at hand
        return None if context.recovering or window & {"third person", "reported", "past"} else hit
    reach = 40 if japanese else 100
    if hit.label in OCCASION_EXPLAINS and context.around(hit, "occasion", reach, reach):
        return None
    # Japanese exasperation comes first, its object after: もう疲れた、寝る.
    if hit.label in TRIVIAL_EXPLAINS and context.around(hit, "trivial", 0 if japanese else 50, 12 if japanese else 50):
        return None
    if japanese and "third person" in window and not _first_person_ja(form, hit):
        return hit._replace(label="someone else at risk")
    if "reported" in window and (japanese or hit.label not in URGENT_CONSTRUCTS):
        return None if japanese and not _first_person_ja(form, hit) else hit._replace(label="someone else at risk")
    if "third person" in window and hit.label in URGENT_CONSTRUCTS | IDEATION and not japanese:
        return hit._replace(label="someone else at risk")
    if "past" in context.near(hit, before=60) and hit.label in URGENT_CONSTRUCTS | IDEATION:
        return None if context.recovering else hit._replace(label="past")
    return hit


def assess(text: str) -> Assessment:
    """The tier, constructs and evidence for ``text`` (tier "" when nothing is of concern)."""
    books = _books()
    form = skeleton(text)
    raw = _capped(books.risk.hits(form))
    if not raw:
        return _weak_signals(books, form)
    modifiers = _capped(books.modifiers.hits(form))
    if all(hit.label in MEANS for hit in raw) and not any(hit.label in FINAL_TIMING for hit in modifiers):
        return _weak_signals(books, form)  # a means named in passing, no time or resolve: the usual case, kept fast
    benign = Spans((hit.start, hit.end) for hit in books.benign.hits(form))
    raw += modifiers
    hits = _doses([hit for hit in raw if not benign.overlaps(hit.start, hit.end)], text)
    context = _Context(form, sorted(books.cues.hits(form)))
    found = [hit for hit in (_contextualise(hit, context, form) for hit in hits) if hit]
    means = [hit for hit in found if hit.label in MEANS]
    return _tier(found, form) or _weak_signals(books, form, means)


# Ten or more pills or tablets: 'took 40 of my pills', '睡眠薬100錠飲んだ', '十錠'.
_LARGE_DOSE = re.compile(r"(?<![0-9.])[1-9][0-9]+ *(?:[a-z]+ +){0,3}?(?:pills|tablets|meds|painkillers|capsules|caps"
                         r"|tylenol|paracetamol|ibuprofen|xanax|antidepressants)|(?:[1-9][0-9]+|[十百]|数十|何十) *[錠粒]")


def _doses(hits: list[Hit], text: str) -> list[Hit]:
    """A 'dose' candidate is an attempt in progress if the text counts ten or more, else nothing."""
    if not any(hit.label == "dose" for hit in hits):
        return hits
    large = _LARGE_DOSE.search(normalise(text)) is not None
    return [hit._replace(label="attempt in progress") if hit.label == "dose" else hit
            for hit in hits if hit.label != "dose" or large]


CAP = 200  # findings of one kind read per text: enough for any real post, and linear for any other


def _capped(hits: Iterable[Hit]) -> list[Hit]:
    """Every urgent finding, and the first ``CAP`` others (a 100 KB post repeating one phrase
    needs no 4,000 context checks to be judged)."""
    kept: list[Hit] = []
    others = 0
    for hit in hits:
        if hit.label in URGENT_CONSTRUCTS:
            kept.append(hit)
        elif others < CAP:
            kept.append(hit)
            others += 1
    return kept


def _tier(found: list[Hit], form: str) -> Assessment | None:
    labels = {hit.label for hit in found}
    concern = [hit for hit in found if hit.label not in MODIFIERS | MEANS]
    resolve = [hit for hit in found if hit.label == "resolve"]
    if not concern and (armed := _means_with_intent(found, form)):  # 'the cliffs ... not coming back'
        return armed
    if not concern and _separate(resolve) > 1:  # 'I've made my decision. I'm at peace with it.'
        return Assessment(CHECK_IN, ("resolve",), resolve)
    if not concern:
        return None
    urgent = [hit for hit in concern if hit.label in URGENT_CONSTRUCTS]
    if urgent:
        return Assessment(URGENT, tuple(sorted({hit.label for hit in urgent})), urgent)
    veiled = [hit for hit in concern if hit.label == "euphemism"]
    ideation = [hit for hit in concern if hit.label in IDEATION - {"euphemism"}]
    distress = [hit for hit in concern if hit.label in DISTRESS]
    if veiled and (ideation or distress):  # 'I want to die ... I'll do it tonight'
        other = (ideation or distress)[0]
        return Assessment(URGENT, ("euphemism", other.label), [veiled[0], other])
    if _separate(veiled) > 1:  # two veiled farewells: 'goodbye everyone, sorry for everything'
        return Assessment(URGENT, ("euphemism",), veiled)
    combined = _arranged(concern, found) or _combined(found) or _armed(ideation) or _means_with_intent(found, form)
    if combined:
        return combined
    constructs = sorted({hit.label for hit in concern} & (CHECK_IN_CONSTRUCTS | {"past"}))
    if "past" in labels and len(constructs) > 1:
        constructs.remove("past")
    return Assessment(CHECK_IN, tuple(constructs), concern) if constructs else None


def _arranged(concern: list[Hit], found: list[Hit]) -> Assessment | None:
    """Affairs put in order (pets rehomed, passwords left, 'won't need it after Saturday'):
    urgent with a second such sign or any other concern; alone, people just move house."""
    arranged = [hit for hit in concern if hit.label == "arrangement"]
    spans = Spans((hit.start, hit.end) for hit in arranged)
    others = [hit for hit in concern if hit.label in CHECK_IN_CONSTRUCTS - {"someone else at risk"}
              and not spans.overlaps(hit.start, hit.end)]  # one phrase is one sign, whatever its labels
    others += [hit for hit in found if hit.label in FINAL_TIMING]  # 'notes for the kids ... after they leave'
    if arranged and (others or _separate(arranged) > 1):
        return Assessment(URGENT, ("preparation", *sorted({hit.label for hit in others})), arranged + others[:1])
    return None


def _means_with_intent(found: list[Hit], form: str) -> Assessment | None:
    """A means or place of suicide and a sign of intent close by ('i have the belt tied to the
    closet rail ... i'm done', 'drove out to the cliffs ... not coming back'); a lethal one with
    an imminent time too ('tonight ... walk into the sea'). A means alone is everyday talk."""
    means = [hit for hit in found if hit.label in MEANS]
    if not means:
        return None
    for sign in found:
        timed = sign.label in ("imminent time", "opportunity")
        if sign.label not in INTENT_SIGNS and not timed:
            continue
        for hit in means:
            if (timed and hit.label != LETHAL) or _overlap(hit, sign):
                continue
            if abs(sign.start - hit.start) <= MEANS_REACH["ja" if is_cjk(form[sign.start]) else "en"]:
                return Assessment(URGENT, ("means at hand", "time" if timed else sign.label), [hit, sign])
    return None


def _overlap(one: Hit, other: Hit) -> bool:
    return one.start < other.end and other.start < one.end


def _armed(ideation: list[Hit]) -> Assessment | None:
    """Ideation and the means at hand, apart: 'I want to die and I have the pills in my drawer'."""
    means = [hit for hit in ideation if hit.label == "means at hand"]
    thoughts = [hit for hit in ideation if hit.label != "means at hand" and hit.label != "self-injury"]
    if means and thoughts:
        return Assessment(URGENT, (thoughts[0].label, "means at hand"), [thoughts[0], means[0]])
    return None


def _separate(hits: list[Hit]) -> int:
    """How many of the hits don't overlap one another."""
    count, end = 0, -1
    for hit in sorted(hits):
        if hit.start >= end:
            count += 1
            end = hit.end
    return count


def _combined(found: list[Hit], reach: int = 160) -> Assessment | None:
    """Ideation with a method or a time close by: urgent ('method + time')."""
    ideation = [hit for hit in found if hit.label in IDEATION]
    modifiers = [hit for hit in found if hit.label in MODIFIERS]
    for idea in ideation:
        for modifier in modifiers:
            overlapping = modifier.start < idea.end and idea.start < modifier.end  # 首吊り in 首吊りたい
            if overlapping or abs(modifier.start - idea.start) > reach:
                continue
            if idea.label == "euphemism" and modifier.label in ("time", "imminent time"):
                continue  # 'I'm going to do it tonight' (the garage): urgent only with more
            if modifier.label == "time" and idea.label not in STRONG_IDEATION:
                continue
            pair = (idea.label, "time" if modifier.label in ("imminent time", "opportunity") else modifier.label)
            return Assessment(URGENT, pair, [idea, modifier])
    return None


STRONG_WEAK = {"self-hatred", "numbness", "emptiness"}
BROAD_WEAK = {"low mood", "exhaustion", "emotional pain"}


def _weak_signals(books: _Books, form: str, means: Iterable[Hit] = ()) -> Assessment:
    """Three risk factors together, or two with worthlessness, emptiness or meaninglessness
    ('I feel so empty and alone'); not 'feeling low and exhausted', everyday peer support.
    Two with a means named ('so tired, nothing's worth it ... the bridge after work') are urgent."""
    hits = _capped(books.weak.hits(form))
    constructs = {hit.label for hit in hits}
    broad = constructs & BROAD_WEAK
    counted = len(constructs - BROAD_WEAK) + bool(broad)  # low mood and tiredness count as one
    means = list(means)
    if means and counted > 1:
        return Assessment(URGENT, ("means at hand", "several risk factors", *sorted(constructs)), means[:1] + hits)
    if counted < (2 if constructs & STRONG_WEAK else 3):
        return Assessment("", (), [])
    return Assessment(CHECK_IN, ("several risk factors", *sorted(constructs)), hits)


def construct_words(constructs: tuple[str, ...]) -> str:
    """'method + time' in the moderator's language."""
    return " + ".join(str(LABELS.get(construct, construct)) for construct in constructs)


class SelfHarmRule(Rule):
    name = "self_harm"
    severity = 5
    urgent = True
    crisis = True

    def __init__(self, settings: dict[str, dict[str, Any]]) -> None:
        super().__init__(settings)
        self.check_in_action = check_in_action(settings)
        _books()

    @hookimpl
    def forum_screen(self, text: str, context: ScreenContext) -> list[Verdict] | None:
        verdicts = self.screen(text)
        if context.content_type == "user":  # a pseudonym is shown everywhere: never published as is
            verdicts = [replace(verdict, action=Action.HOLD) for verdict in verdicts]
        return verdicts or None

    def screen(self, text: str) -> list[Verdict]:
        assessment = assess(text)
        if not assessment.tier:
            return []
        urgent = assessment.tier == URGENT
        words = quote(text, assessment.evidence)
        constructs = construct_words(assessment.constructs)
        if urgent:
            reason = _("Suicide risk, urgent (%(constructs)s): %(words)s", constructs=constructs, words=words)
        else:
            reason = _("Suicide risk, check in (%(constructs)s): %(words)s", constructs=constructs, words=words)
        return [Verdict(rule=self.name, action=Action.HOLD if urgent else self.check_in_action, reason=reason,
                        member_message=crisis_member_message(), severity=5 if urgent else 4, urgent=urgent,
                        crisis=True, tier=assessment.tier, constructs=assessment.constructs)]

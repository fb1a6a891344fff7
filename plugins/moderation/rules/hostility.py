# ruff: noqa: E501  (phrase lists read best one construct per line)
"""Hostility that matches the harm, in English and Japanese: hold.

What it holds, each under a construct the moderator reads:

- ``attack``: words aimed at a member by their form ('you are an idiot', 'shut up', 'kys',
  '死ね', '消えろ'), including dehumanising ones ('you're an animal');
- ``insult``: insulting names ('loser', 'バカ') unless the clause speaks of the writer
  ('I feel like such an idiot', '私ってバカだな'): self-talk a peer-support community allows;
- ``slur``: slurs against a group, whoever they are aimed at;
- ``group hate``: generalisations, dehumanising comparisons and incitement against a group
  ('X are animals', 'X should be deported', 'go back to your country', '〜は出て行け');
- ``stigma``: the same against people with a mental illness ('people with schizophrenia are
  dangerous animals'): in this community, the members themselves.

What it never holds: the author's own reported pain ('he told me I'm worthless and it hurt',
'死ねって言われて傷ついた'), a plea ('please don't ever kill yourself'), a question about
methods ('what's the best way to kill yourself' is the self-harm rule's, urgent), figures of
speech of games and deadlines (no phrase here matches them).

Linear in the text: one scan per pattern, and the clause of each match is found by bisect on
clause starts computed once (the old rule rescanned the text for each insult: quadratic).
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache
from typing import Any, NamedTuple

from flask_babel import gettext as _

from forum.core.api import Action, ScreenContext, Verdict, hookimpl, is_cjk, phrase_skeleton, skeleton

from ..nudge import offer_rephrase
from .base import Rule, originals, quoted
from .phrasebook import Hit, PhraseBook, Spans, labelled
from .text import ClauseIndex

_YOU_ARE = "{you re,youre,you are,u r,ur,r u,are you,your a,your an,ur a,ur an,you re a,you re an,u are}"
_SO = ("{,a ,an ,such a ,such an ,so ,really ,a total ,a complete ,an absolute ,a fucking ,just a ,"
       "the biggest ,nothing but a ,a pathetic ,a stupid ,a worthless ,an ugly ,a dumb ,a disgusting }")
_INSULT_ADJECTIVES = ("{stupid,pathetic,worthless,useless,disgusting,ugly,dumb,retarded,brainless,"
                      "a joke,a waste of space,a piece of shit,trash,garbage,scum,fake,attention seeking,subhuman,"
                      "vermin,filth,filthy}")
_INSULT_NOUNS = ("{idiot,moron,loser,imbecile,retard,freak,failure,joke,dumbass,jerk,creep,bitch,"
                 "bastard,asshole,cunt,twat,prick,wanker,attention seeker,clown,animal,pig,rat,cockroach,dog,"
                 "parasite,whore,slut,piece of trash,waste of oxygen,mistake}")

ATTACK = [
    f"{_YOU_ARE} {_SO}{_INSULT_ADJECTIVES}",
    f"{_YOU_ARE} {_SO}{_INSULT_NOUNS}",
    "{you,u,ya} {,stupid ,dumb ,pathetic ,fat ,ugly ,worthless ,useless ,fucking ,little ,disgusting }"
    + _INSULT_NOUNS,
    "shut up", "shut the fuck up", "stfu",
    "{nobody,no one,noone} {cares,gives a shit,gives a damn} about you",
    "{nobody,no one,noone} {here ,on here ,on this forum ,in this group ,}{likes,loves,wants} you", "{everyone,everybody} hates you",
    "{nobody,no one,noone} will ever {love,like,want,date,marry} you", "{ugly,fat,stupid,dumb,disgusting} {cow,pig,bitch,slut,whore}",
    "go {to hell,die,kill yourself,jump off a bridge}", "go {away,off} and {die,rot,kill yourself}", "{kill,hang} yourself", "kys", "drop dead",
    "you should {die,just die,kill yourself,disappear,be ashamed}", "{i hope,hope} {you,u} {die,get cancer,rot,suffer}",
    "{fuck,screw} {you,off}", "get lost",
    "{the world,everyone,we} would be better {off ,}without you", "you deserve to {suffer,die}",
    "{i ll,ill,i will,i m going to,im going to,i m gonna,im gonna,gonna,going to,i d,id,i would,i should,let me,i want to,"
    "i wanna,someone should,somebody should,someone needs to} {kill,murder,stab,shoot,strangle,choke,beat,beat up,hurt,"
    "rape,slap,punch,break,smash,bash,cut,slit,hunt down,hunt,burn,track down,find} {you,u,ya,your,ur,where you}",
    "{beat,kick,knock,slap,punch} the {crap,shit,hell,fuck,life} out of {you,u,ya}",
    "{slit,cut} {your,ur} {throat,wrists}", "{i know,we know,i found out,found out} where {you,u} live", "watch your back",
    "{i hope,hope,i wish,wish,may} {you,u,your family,your whole family,your kids,your mom,your mum,your children,ur,"
    "ur family,your entire family} {die,dies,get cancer,gets cancer,get raped,gets raped,rot,rots,suffer,suffers,burn,"
    "burns,get hit by a car,gets hit by a car,drown,choke,die slowly,die in a fire,die painfully}",
    "{死ね,氏ね,タヒね,しね}", "シネ", "消えろ", "失せろ", "黙れ", "消えて{くれ,ほしい,欲しい}", "いなくなれ",
    "お前なんか", "おまえなんか", "てめえ", "てめー", "テメエ", "テメー",
    "{お前,おまえ,あんた,きさま,貴様}{は,って,みたいな,}{バカ,馬鹿,ばか,アホ,あほ,クズ,ゴミ,カス,ブス,デブ,きもい,キモい}",
    "キモい", "きもい", "キモすぎ", "きもすぎ", "きしょい", "キショい",
    "うざい", "ウザい", "うぜえ", "うぜー", "ウゼー", "ウザすぎ", "うざすぎ",
    "役立たず", "誰も{お前,おまえ,あなた,あんた}{を,のこと}",
    "{家,住所,職場,学校,本名,勤務先}{を,も,は,}特定{した,しました,済み,してやる,したから,できた}", "覚悟{しとけ,しておけ,しろよ}",
    "{殺す,ころす}{ぞ,からな,わ,よ}", "{殺してやる,ころしてやる}", "ぶっ{殺,ころ}", "ぶち{殺,ころ}",
    "{全員,みんな,皆,やつは,奴は,奴らは,やつらは,連中は,どもは,お前は,お前ら,おまえら,お前なんか}{、,}{全員,みんな,}"
    "{死ねばいい,死ねば良い,死んでほしい,死んで欲しい,死んでくれ,消えればいい,いなくなればいい}", "{お前,おまえ,あんた,てめえ}{は,に,なんか,}{生きる,生きてる,存在}価値",
]
INSULT = ["idiot", "idiots", "moron", "morons", "loser", "losers", "imbecile", "dumbass", "jackass", "scumbag",
          "bitch", "bastard", "asshole", "cunt", "twat", "prick", "wanker",
          "バカ", "馬鹿", "ばか", "アホ", "あほ", "クズ", "カス", "ブス", "デブ"]
SLUR = [
    "nigger", "niggers", "niggah", "faggot", "faggots", "fag", "fags", "dyke", "dykes", "tranny", "trannies",
    "kike", "kikes", "spic", "spics", "chink", "chinks", "gook", "gooks", "wetback", "wetbacks", "beaner",
    "beaners", "raghead", "ragheads", "towelhead", "towelheads", "sand nigger", "coon", "coons", "jigaboo",
    "porch monkey", "paki", "pakis", "retard", "retards", "retarded", "shemale", "camel jockey", "zipperhead",
    "pikey", "golliwog", "kaffir", "wog", "wogs", "mongoloid", "mudslime", "muzzie", "muzzies", "feminazi",
    "libtard", "spastic", "halfbreed", "negroid", "nignog", "rapefugee", "muzrat", "shitskin", "sandnigger",
    "チョン", "チョンコ", "支那人", "シナ人", "土人", "ガイジ", "池沼", "キチガイ", "きちがい", "基地外", "気違い",
    "ニガー", "三国人", "ジャップ", "チャンコロ", "シナチク", "ホモ野郎", "オカマ野郎", "ゴキブリども", "ゴキブリ共",
]
_RELIGIONS = "{islam,judaism,feminism}"
_GROUPS = ("{jews,muslims,moslems,blacks,black people,immigrants,illegals,illegal immigrants,migrants,refugees,"
           "mexicans,arabs,asians,chinese,chinese people,indians,pakistanis,africans,foreigners,gays,gay people,"
           "homosexuals,lesbians,trans people,transgenders,transgender people,women,girls,females,feminists,men,"
           "christians,catholics,hindus,sikhs,gypsies,roma,latinos,hispanics,whites,white people,koreans,japanese,"
           "disabled people,the disabled,autistic people,autists,homeless people,fat people,bisexuals,queers,"
           "liberals,democrats,republicans,conservatives,atheists,jewish people,muslim people,israelis,palestinians,"
           "russians,americans,brits,poles,romanians,somalis,syrians,afghans,nigerians,haitians,filipinos,"
           "vietnamese,turks,kurds,iranians,iraqis,christian people,jewish,these people,those people,you people,"
           "feminists,niggers,faggots,trannies,dykes,kikes,spics,chinks,pakis,trans women,trans men,illegal aliens,"
           "gay marriage,homosexuality,islam,muslim immigrants,asylum seekers,travellers,jewish people}")
_MENTAL = ("{schizophrenics,people with schizophrenia,people with bipolar,bipolar people,people with depression,"
           "depressed people,the mentally ill,mentally ill people,people with mental illness,people with mental "
           "illnesses,people with autism,people with bpd,people with ptsd,people with ocd,psychotic people,"
           "people with psychosis,people with mental health issues,people with mental health problems,"
           "crazy people,anorexics,addicts,junkies,crazies,nutjobs,psychos,lunatics,the insane}")
_ARE = ("{are,r,are all,are just,are nothing but,are like,are literally,all are,are basically,are such,are fucking,"
        "are too,are so,are way too,are always,are naturally,are born}")
_NEG = ("{animals,vermin,rats,cockroaches,roaches,parasites,subhuman,subhumans,savages,scum,trash,garbage,filth,"
        "filthy,disgusting,a disease,a plague,a cancer,cancer,dangerous,violent,inferior,criminals,rapists,"
        "terrorists,stupid,dirty,evil,worthless,not human,apes,monkeys,pigs,dogs,retarded,useless,the problem,"
        "thieves,lazy,beasts,monsters,psychos,freaks,degenerates,sick,perverts,pedophiles,paedophiles,groomers,"
        "whores,sluts,bitches,hoes,property,objects,too emotional,mentally ill,a mistake,an abomination,"
        "abominations,invaders,leeches,bloodsuckers,demons,insane,dangerous animals,a danger,a threat,"
        "a burden on society,weak,idiots,morons,losers,ugly,gross,less than human,less intelligent,less evolved,low iq,"
        "intellectually inferior,not real people,unnatural,"
        "a drain,a drain on society,the tumour,the tumor,a tumour,a virus,all the same,the problem with this country,"
        "ruining everything,destroying this country,not welcome,not welcome here,trash people,dumb,greedy,confused,"
        "just confused,the devil,devils,smelly,primitive,backwards,barbaric,uncivilized,uncivilised,weird,breeding like rats,"
        "breeding like rabbits,a virus,cancerous,scum of the earth,a waste of space,worthless scum,pests,a pest,filthy animals,"
        "drug dealers,thugs,gangsters,welfare queens,welfare leeches,pedos}")
_HARM = ("{deported,gassed,killed,exterminated,shot,hanged,hung,lynched,wiped out,eradicated,removed,sterilized,"
         "sterilised,locked up,burned,burnt,put down,executed,banned,kicked out,thrown out,sent back,castrated,"
         "beaten,raped,punished,gone,nuked,bombed,culled,put in camps}")
_HATE_TEMPLATES = [
    "{GROUP} " + _ARE + " " + _NEG,
    "{GROUP} {should,must,need to,deserve to,ought to,have to} {all ,}{be ,get }" + _HARM,
    "{GROUP} {should,must,need to,deserve to} {all ,}{die,go back,burn,rot,leave}",
    "{kill,gas,deport,exterminate,shoot,hang,lynch,burn,wipe out,get rid of,round up,ban,nuke,lock up,put down,"
    "sterilize,sterilise,bomb} {all,the,all the,"
    "all of the,every,these,those} {GROUP}",
    "{i hate,we hate,i despise,fuck,death to,down with,i can t stand,i cant stand} {,all ,all the ,the ,these ,those ,"
    "fucking ,all you }{GROUP}",
    "{i wish,i hope,wish,hope} {all ,all the ,the ,}{GROUP} {would,will,could} {die,burn,rot,disappear,get cancer}",
    "{GROUP} {can t,cannot,cant} {drive,think,be trusted,speak english,be civilised,control themselves}",
    "{GROUP} {are,r} {only ,}good {for nothing,only for,for cooking,for sex,for cleaning,in the kitchen}",
    "{GROUP} {are,r} only good for",
    "{GROUP} {don t,do not,dont,shouldn t,should not} {deserve,get,have} {rights,to vote,to live,respect,to exist,"
    "human rights,equal rights}",
    "{GROUP} {commit,cause,spread,bring} {all the crime,crime,disease,diseases,violence,aids,covid,terror}",
    "{GROUP} {are behind,control,run,own} {every war,everything,the media,the banks,the world,the government,hollywood}",
    "{GROUP} {steal,take,stole,are stealing,are taking,come here and steal} our {jobs,women,country,homes,benefits}",
    "{send,ship,kick,throw,get} {the ,these ,those ,all the ,all ,every last one of those ,every one of those ,"
    "every single one of those ,every ,}{GROUP} {back,out}",
    "{deport,ban} {all ,the ,all the ,}{GROUP}", "{GROUP} {deported,banned,gassed,exterminated}",
    "{GROUP} {shouldn t,should not} {be born,exist,breed,have kids,have children,reproduce}",
    "{GROUP} belong in {asylums,an asylum,cages,camps,zoos,prison,the kitchen,ovens,hell,a cage}",
    "{sick of,tired of,fed up with} {these,the,all these,all the} {GROUP}",
    "{GROUP} {don t,dont,do not} belong {here,in this country,in america,in europe,in our country,in society}",
    "{GROUP} {ruin,ruined,are ruining,destroy,are destroying,are invading,invade,are taking over,are replacing} "
    "{everything,this country,our country,the country,europe,america,society,our jobs,the world}",
    "{GROUP} {should not,shouldn t,shouldnt,should never} be allowed {to,in,near,anywhere near,around,with}",
    "{GROUP} {should not,shouldn t,shouldnt,should never} {adopt,marry,vote,teach,have rights,work with children}",
    "{GROUP} {aren t,are not,arent} {human,people,real people,real women,real men,normal}",
    "{GROUP} {is,are} {a mental illness,a disease,an illness,a sin,unnatural}",
    "the {problem,trouble} {with,in} {this country,our country,europe,america,britain,the world,society,our society,"
    "this town,our town} {is,are} {the ,all the ,these ,those ,}{GROUP}",
    "{GROUP} {will never,can never,refuse to,don t want to,dont want to,do not want to} {integrate,assimilate,fit in,adapt}",
    "{GROUP} {are,r} {incompatible with,a threat to,a danger to,not compatible with} {our,western,european,american,"
    "civilised,civilized,modern} {values,culture,society,way of life,civilisation,civilization}",
]
_RACE_WORDS = "violent,primitive,savage,inferior,dirty,filthy,barbaric,backward,lesser,criminal,subhuman,degenerate,parasitic"
# A pronoun for the group ('they're vermin'): group hate when the text names a group.
# A group named, then a pejorative in the same clause ('immigrants are flooding our country',
# 'black people are genetically inferior', '韓国人は嘘つきばかり'): a generalisation however it is
# phrased. Not when negated between the two ('refugees are not criminals') or after (〜じゃない).
PEJORATIVE = [
    "{animals,vermin,rats,cockroaches,roaches,parasites,subhuman,subhumans,savages,scum,trash,garbage,filth,filthy,"
    "disgusting,inferior,criminals,rapists,terrorists,stupid,dirty,evil,worthless,apes,monkeys,retarded,useless,"
    "thieves,lazy,beasts,degenerates,perverts,pedophiles,paedophiles,groomers,whores,sluts,invaders,leeches,"
    "bloodsuckers,demons,an abomination,abominations,unnatural,liars,stink,smell,smelly,primitive,barbaric,"
    "uncivilized,uncivilised,pests,a plague,a disease,a cancer,a virus,a mental illness,mentally ill,freaks,"
    "psychos,a threat,a danger,dangerous animals,brainwashed,backward,backwards,untrustworthy,"
    "men in dresses,not real women,not real men,going to hell,burn in hell,"
    "flooding,swarming,infesting,invading,breeding,overrunning,overrun,taking over,outbreeding,all look the same,"
    "eat dogs,eat cats,less intelligent,less evolved,low iq,intellectually inferior,breed like rabbits,breed like rats}",
    "{belong,stay,stays,get back,go back,be kept} in the kitchen",
    # A group called a kind of race: 'arabs are a violent and primitive race'.
    "{" + _RACE_WORDS + "} {," + ",".join(f"and {word} " for word in _RACE_WORDS.split(",")) + "}{race,breed,species}",
    "{嘘つき,うそつき,犯罪者,犯罪ばかり,犯罪を起こ,犯罪を犯,税金の無駄,無駄な存在,ゴミ,ごみ,クズ,くず,カス,害虫,寄生虫,"
    "ゴキブリ,劣等,劣って,汚い,臭い,感情的,迷惑,出ていけ,出て行け,帰れ,死ね,消えろ,いらない,要らない,追い出,殺せ,駆除,"
    "気持ち悪い,キモい,きもい,"
    "頭が悪い,バカ,馬鹿,アホ,民度が低い,民度低,マナーが悪,野蛮,下等,税金泥棒,寄生,甘え,邪魔,仕事ができない,"
    "信用できない,信用するな,危ない,怖い,日本の恥,国の恥,反日,ろくでもない,ロクでもない,黙ってろ,黙っとけ,黙れ,病気だ,病気だろ,"
    "異常,治療しろ,半島に帰れ,国に帰れ,生産性が,隔離しろ,甘い汁,特権,猿,サル,家畜,産む機械,閉じ込めと,閉じ込めてお,閉じ込めろ}",
]
# What should be done to a group: hate only with a modal between ('illegals need to be rounded
# up'); 'refugees were shot at the border' is news.
HARM_VERB = ["{rounded up,shipped back,sent back,deported,exterminated,gassed,wiped out,kicked out,thrown out,"
             "locked up,put down,sterilized,sterilised,shot,hanged,lynched,eradicated,banned,removed,culled}"]
_MODAL = ["should", "must", "need to", "needs to", "ought to", "deserve to", "deserves to", "have to", "has to",
          "gotta", "got to", "better"]
GROUP_JA = ["{在日,朝鮮人,韓国人,中国人,支那人,外国人,移民,難民,障害者,黒人,白人,ユダヤ人,部落,ゲイ,ホモ,レズ,女,女ども,"
            "女性,男,外人,生活保護の連中,ナマポ,ムスリム,イスラム教徒,クルド人,ベトナム人,フィリピン人,lgbt,同性愛者,"
            "レズビアン,トランス,オカマ,チョン,シナ人,在日韓国人,在日朝鮮人}"
            "{は,って,なんて,なんか,どもは,共は,の連中は,の奴らは,のやつらは,ってのは,は全員,はみんな,とか,どもが,"
            "ども,共}"]
MENTAL_JA = ["{精神障害者,統合失調症の人,統失,精神病患者,メンヘラ,うつ病の人,鬱病の人,発達障害者,障害者,ガイジ}"
             "{は,って,なんて,なんか,どもは,共は,の連中は}"]
# Words a phrase may have in between: 'jews own all the banks', 'blacks are genetically inferior'.
FILLERS = ["all", "just", "really", "so", "even", "literally", "basically", "genetically", "inherently",
           "biologically", "naturally", "simply", "fucking", "always", "clearly", "obviously", "truly"]
# Negated, hedged or reported between group and pejorative: 'refugees are not criminals', 'more
# likely to be victims', 'jews were called vermin by the nazis', 'once considered mentally ill'.
_UNSAID_BETWEEN = ["not", "aren t", "isn t", "never", "no", "nothing", "wasn t", "weren t", "don t", "doesn t",
                   "rarely", "less", "victim", "victims", "than", "called", "labelled", "labeled", "described as",
                   "seen as", "portrayed as", "considered", "treated as", "accused of", "stereotyped as",
                   "stereotype", "myth", "falsely", "wrongly", "unfairly"]
_UNSAID_AFTER_JA = ("じゃない", "ではない", "とは限らない", "わけじゃ", "わけでは", "じゃなく", "ではなく")
_NOT_ALL = ["not all", "not every", "most", "many", "some"]
PRONOUN_HATE = [
    "{they re,they are,theyre,they r,they re all,they are all,them are,all of them are} " + _NEG,
    "{they,them} {don t,dont,do not,will never,never} belong {here,in this country,in our country,in europe,in america,"
    "in society,with us}",
    "{they,them} {should,must,need to,deserve to} {all ,}{be ,get }" + _HARM,
    "{kill,gas,deport,hang,shoot,exterminate,lynch,burn} {them,em} all",
]
_ONE = "{muslim,jew,immigrant,black,refugee,mexican,arab,gay,woman,feminist,indian,migrant,foreigner,asian,tranny}"
INCITEMENT = [f"the only good {_ONE} is a {{dead,deported}} {{one,{_ONE[1:-1]}}}",
              "{keep,get,kick} {these,those,them,the} {animals,vermin,savages,parasites,subhumans,cockroaches} out","{gas,hang,lynch,exterminate,deport} {them,em} all", "deport every last one of them",
              "{let,letting,allow,allowing} {these,those,more of these} {animals,vermin,savages,parasites,invaders,"
              "cockroaches,rats} {in,into}", "{these,those} {animals,vermin,savages,parasites,cockroaches,subhumans} "
              "{in,into,out of} our country"]
HATE_OTHER = [
    "{islam,judaism} is a religion of {hate,violence,war,terror,death,hatred}", "hitler {was right,did nothing wrong}",
    "{don t,dont,do not} want {any more ,more ,any ,}" + _GROUPS[:-1] + "} {in,here,around,living,near,moving,next}",
    "{if you re,if you are} {gay,trans,a lesbian,muslim,jewish,bi} {you re,you are} going to hell",
    "go back to {your,ur,their} {own ,}{country,countries,land,village,jungle,cave,desert,shithole}",
    "go back to where {you,u,they} came from", "back {to ,}where {they,you,u} {came,come} from", "go back to {africa,mexico,china,india,pakistan,syria,iraq,iran,"
    "poland,the jungle,the desert,the middle east,asia,korea,israel,somalia,afghanistan,the caves}",
    "{islam,judaism,feminism,homosexuality,transgenderism,the quran} is {a cancer,cancer,a disease,a plague,evil,"
    "a mental illness,a virus,poison}", "{bitches,hoes,women,females} {ain t,aint} shit", "send them {all ,}back", "women belong in the kitchen",
    "get back in the kitchen", "{being gay,homosexuality,being trans,transgenderism,being a lesbian} is {a mental "
    "illness,a disease,a sin,disgusting,unnatural,wrong,an abomination}", "{white,aryan} power", "heil hitler",
    "sieg heil", "gas the", "oven dodger", "{jewish,jew} {conspiracy,rats,pigs,vermin}",
    "holocaust {didn t happen,never happened,should happen again,should have happened,was a hoax}",
    "{should have,should ve} finished the job", "{kill,shoot,hang,deport} every last {immigrant,muslim,jew,black,refugee,"
    "mexican,arab,gay,one of them}",
    "{在日,朝鮮人,韓国人,中国人,支那人,外国人,移民,難民,障害者,黒人,ユダヤ人,部落,ゲイ,ホモ,レズ,女ども,外人}"
    "{は,って,なんて,なんか,どもは,共は}{死ね,出て行け,出ていけ,帰れ,国へ帰れ,国に帰れ,ゴキブリ,害虫,寄生虫,犯罪者,"
    "劣等,ゴミ,クズ,消えろ,いらない,要らない,追い出せ,殺せ,人間じゃない,日本から出て行け,気持ち悪い,キモい,病気,"
    "劣ってる,劣っている,汚い,臭い}",
    "{朝鮮,韓国,中国,自分の国,国}に帰れ", "日本から出て{行け,いけ,け}", "社会のお荷物", "{在日,外国人,朝鮮人,韓国人,中国人,移民}を{追い出せ,殺せ,"
    "叩き出せ,駆除}", "女は{黙れ,黙ってろ,黙っとけ,黙って家事,黙って従え,黙っていろ,家にいろ,馬鹿,バカ,子供産む機械,引っ込んでろ,家事してろ,家事だけ}", "女のくせに", "ホモは{気持ち悪い,キモい,病気}",
]
STIGMA_JA = ["{精神障害者,統合失調症の人,統失,精神病患者,メンヘラ,うつ病の人,鬱病の人,発達障害者}{は,って,なんて}"
             "{危険,怖い,隔離,閉じ込め,ゴミ,クズ,死ね,いらない,要らない,甘え,犯罪者,社会のお荷物,迷惑}"]
BENIGN = [
    "死ね{る,ない,なかった,ば,たら,ます,ず}", "いなくなれ{ば,たら}", "シネマ", "ばかり", "ばかし", "バカンス", "カス{タ,テ,ト}",
    "shut up shop", "shut up and take my money", "{bitch,bitching} about", "{son of a,sons of} bitch",
    "life s a bitch", "{stupid,silly} me", "how to kill yourself", "way to kill yourself", "ways to kill yourself",
    "fagioli", "スカウト", "カスミ", "チョンマゲ", "ちょんまげ", "ガイジン",
    "{バカ,ばか,馬鹿}{みたい,正直,丁寧,でかい,うま,ウケ,騒ぎ,笑い,力,な話,ップル}",
]
FIRST_PERSON = ["i", "i m", "im", "me", "my", "myself", "i ve", "i feel", "i am",
                "私", "わたし", "僕", "ぼく", "俺", "自分", "あたし"]
THIRD_PERSON = ["he", "she", "they", "his", "her", "him", "them", "their", "the", "my", "our", "this", "that",
                "彼", "彼女", "あいつ", "あの人"]
SECOND_PERSON = ["you", "u", "ur", "your", "ya", "お前", "おまえ", "あなた", "あんた", "てめえ", "君", "きみ"]
BANTER = ["lol", "lmao", "lmfao", "haha", "hahaha", "hehe", "jk", "hilarious", "funny", "笑", "ww", "ｗｗ", "(笑)", "草",
          # games: 'i'm gonna kill you in this match'
          "match", "next round", "this round", "in game", "in the game", "at chess", "in ranked", "on the court",
          "on the field", "in pvp", "1v1", "試合", "対戦", "ゲームで"]
REPORTED = ["said", "says", "told me", "tells me", "telling me", "called me", "calls me", "calling me", "yelled",
            "wrote", "texted", "messaged me", "keep hearing", "heard", "っていわれ", "って言われ", "と言われ", "って言った",
            "と言った", "って言って", "って書かれ", "と書かれ", "言われ", "呼ばれ"]
PLEA = ["don t", "dont", "do not", "never", "please don t", "please dont", "please", "not", "shouldn t", "wouldn t",
        "never ever", "won t", "how to", "way to", "how do you", "how can you", "want to"]


class _Books(NamedTuple):
    harm: PhraseBook  # labels: the constructs, and "benign", "pronoun", "group word"
    cues: PhraseBook  # labels: who speaks and how


@lru_cache(maxsize=1)
def _books() -> _Books:
    """Compiled once per process: the phrase lists are fixed."""
    slurs = SLUR + [slur + "s" for slur in SLUR if slur.isascii() and not slur.endswith("s")]
    group_hate = [template.replace("{GROUP}", _GROUPS) for template in _HATE_TEMPLATES]
    stigma = [template.replace("{GROUP}", _MENTAL) for template in _HATE_TEMPLATES]
    harm = (labelled("slur", slurs) + labelled("group hate", group_hate + HATE_OTHER + INCITEMENT)
            + labelled("stigma", stigma + STIGMA_JA) + labelled("attack", ATTACK) + labelled("insult", INSULT)
            + labelled("pronoun", PRONOUN_HATE) + labelled("benign", BENIGN)
            + labelled("group word", [_GROUPS, "{jew,muslim,immigrant,refugee,migrant,mexican,arab}", *GROUP_JA])
            + labelled("mental group", [_MENTAL, *MENTAL_JA]) + labelled("pejorative", PEJORATIVE)
            + labelled("harm verb", HARM_VERB))
    cues = (labelled("first person", FIRST_PERSON) + labelled("second person", SECOND_PERSON)
            + labelled("third person", THIRD_PERSON) + labelled("reported", REPORTED) + labelled("plea", PLEA)
            + labelled("banter", BANTER))
    return _Books(PhraseBook(harm, FILLERS), PhraseBook(cues))


class _Reader:
    """Who speaks around a match. The cues of a text are found in one pass and asked by bisect,
    so a text with thousands of insults costs thousands of bisects, not rescans."""

    def __init__(self, form: str, books: _Books) -> None:
        self.form = form
        self.clauses = ClauseIndex(form)
        self.cues: dict[str, list[int]] = {}
        for cue in books.cues.hits(form):
            self.cues.setdefault(cue.label, []).append(cue.start)
        for starts in self.cues.values():
            starts.sort()

    def _within(self, cue: str, start: int, end: int) -> bool:
        starts = self.cues.get(cue, [])
        index = bisect.bisect_left(starts, start)
        return index < len(starts) and starts[index] < end

    def _before(self, cue: str, hit: Hit, limit: int) -> bool:
        return self._within(cue, max(self.clauses.start(hit.start), hit.start - limit), hit.start)

    def _after(self, cue: str, hit: Hit, limit: int) -> bool:
        return self._within(cue, hit.end, min(self.clauses.end(hit.end), hit.end + limit))

    def reported(self, hit: Hit) -> bool:
        """'he told me I'm worthless', '死ねって言われた': the author's pain, reported."""
        return self._before("reported", hit, 60) or (is_cjk(self.form[hit.start]) and self._after("reported", hit, 14))

    def joking(self, hit: Hit) -> bool:
        """'bro shut up you're hilarious', 'お前バカだなー笑': banter between friends."""
        return self._after("banter", hit, 40)

    def pleading(self, hit: Hit) -> bool:
        return self._before("plea", hit, 24)

    def spares(self, hit: Hit) -> bool:
        """An insulting name not aimed at anyone here: self-talk ('I feel like an idiot', 'what an
        idiot I was') or about a third person ('the referee was an idiot')."""
        def around(cue: str) -> bool:
            return self._before(cue, hit, 60) or self._after(cue, hit, 40)
        return not around("second person") and (around("first person") or around("third person"))

    def keeps(self, hit: Hit) -> bool:
        if self.reported(hit) or (hit.label == "attack" and self.pleading(hit)):
            return False
        if hit.label in ("attack", "insult") and self.joking(hit):
            return False
        return not (hit.label == "insult" and self.spares(hit))


ENOUGH = 5  # kept findings per construct: more change neither the verdict nor the quote
CONSTRUCTS = ("slur", "group hate", "stigma", "attack", "insult")


def find_hostility(text: str) -> list[Hit]:
    books = _books()
    form = skeleton(unmask(text))
    found = list(books.harm.hits(form))
    if not found:
        return []
    labels = {hit.label for hit in found}
    benign = Spans((hit.start, hit.end) for hit in found if hit.label == "benign")
    pronoun = "group hate" if labels & {"group word", "mental group"} else ""
    found = sorted(found + _generalisations(found, form))
    reader: _Reader | None = None
    kept: list[Hit] = []
    counts = dict.fromkeys(CONSTRUCTS, 0)
    for hit in found:
        label = pronoun if hit.label == "pronoun" else hit.label
        if counts.get(label, ENOUGH) >= ENOUGH or benign.overlaps(hit.start, hit.end):
            continue
        if label in ("group hate", "stigma") and not_some(form, hit.start):
            continue
        hit = hit._replace(label=label)
        reader = reader or _Reader(form, books)
        if reader.keeps(hit):
            kept.append(hit)
            counts[label] += 1
    return kept


# A slur with letters masked ('n*gger', 'f#g', 'k_ke'): the skeleton reads '*' as a space, so
# such a word is spelled out first, one character for one, when it fits a slur exactly.
_MASKED = re.compile(r"[a-z]+[*#_]+[a-z*#_]*", re.IGNORECASE)
_MASKS = frozenset("*#_")
MASKED_UP_TO = 50  # masked words read per text: a post of asterisks costs no more than that


@lru_cache(maxsize=1)
def _slurs_by_shape() -> dict[tuple[int, str], list[str]]:
    """ASCII slurs by length and first letter (the letter a masked slur keeps)."""
    shapes: dict[tuple[int, str], list[str]] = {}
    for slur in SLUR:
        if slur.isascii() and " " not in slur:
            for word in (slur, slur + "s"):
                shapes.setdefault((len(word), word[0]), []).append(word)
    return shapes


def _unmasked(word: str) -> str | None:
    """The slur ``word`` masks, if exactly one letter hides behind each mask character."""
    lower = word.lower()
    for slur in _slurs_by_shape().get((len(lower), lower[0]), ()):
        if all(char == letter or char in _MASKS for char, letter in zip(lower, slur, strict=True)):
            return slur
    return None


def unmask(text: str) -> str:
    """``text`` with masked slurs spelled out (same length, so positions still hold)."""
    if not _MASKS.intersection(text):
        return text
    parts, last = [], 0
    for match in itertools.islice(_MASKED.finditer(text), MASKED_UP_TO):
        slur = _unmasked(match.group().rstrip("_"))
        if slur:
            parts += [text[last:match.start()], slur]
            last = match.start() + len(slur)
    return "".join(parts) + text[last:] if parts else text


def _skeleton_words(words: list[str], anchored: bool = False) -> re.Pattern[str]:
    """Words as the skeleton writes them ('called' is 'caled'), space-delimited."""
    choice = "|".join(re.escape(phrase_skeleton(word)) for word in words)
    return re.compile(rf" (?:{choice}) $" if anchored else rf" (?:{choice}) ")


@lru_cache(maxsize=1)
def _context_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return _skeleton_words(_MODAL), _skeleton_words(_UNSAID_BETWEEN), _skeleton_words(_NOT_ALL, anchored=True)


def _generalisations(found: list[Hit], form: str) -> list[Hit]:
    """A named group and a pejorative after it in the same clause: group hate (stigma for a
    mental illness), one finding spanning both."""
    pejoratives = [hit for hit in found if hit.label in ("pejorative", "harm verb")]
    groups = [hit for hit in found if hit.label in ("group word", "mental group")]
    if not pejoratives or not groups:
        return []
    starts = [hit.start for hit in pejoratives]
    clauses = ClauseIndex(form)
    generalisations: list[Hit] = []
    for group in groups[:ENOUGH * 4]:
        japanese = is_cjk(form[group.start])
        limit = min(clauses.end(group.end), group.end + (24 if japanese else 60))
        index = bisect.bisect_left(starts, group.end)
        if index == len(starts) or starts[index] >= limit:
            continue
        pejorative = pejoratives[index]
        if _unsaid(form, group, pejorative, japanese):
            continue
        label = "stigma" if group.label == "mental group" else "group hate"
        generalisations.append(Hit(group.start, pejorative.end, label))
    return generalisations


def _unsaid(form: str, group: Hit, pejorative: Hit, japanese: bool) -> bool:
    """'refugees are not criminals', 'not all muslims are terrorists', '外国人が犯罪者とは限らない'."""
    modal, unsaid, _not_all = _context_words()
    if pejorative.label == "harm verb" and not modal.search(form[group.end - 1:pejorative.start + 1]):
        return True
    if japanese:
        return form.startswith(_UNSAID_AFTER_JA, pejorative.end, pejorative.end + 12) or any(
            form.startswith(word, pejorative.end) for word in _UNSAID_AFTER_JA)
    between = form[group.end - 1:pejorative.start + 1]
    return bool(unsaid.search(between) or not_some(form, group.start))


def not_some(form: str, start: int) -> bool:
    """'not all muslims ...', 'some men ...': not a claim about the whole group."""
    return _context_words()[2].search(form[max(0, start - 12):start]) is not None


class HostilityRule(Rule):
    name = "hostility"
    severity = 3

    def __init__(self, settings: dict[str, dict[str, Any]]) -> None:
        super().__init__(settings)
        _books()

    @hookimpl
    def forum_screen(self, text: str, context: ScreenContext) -> list[Verdict] | None:
        verdicts = self.screen(text)
        if not verdicts:
            return None
        labels = ", ".join(_label(construct) for construct in verdicts[0].constructs)
        return offer_rephrase(verdicts, context, labels)

    def screen(self, text: str) -> list[Verdict]:
        hits = find_hostility(text)
        if not hits:
            return []
        constructs = tuple(sorted({hit.label for hit in hits}))
        words = ", ".join(_label(construct) for construct in constructs)
        found = originals(unmask(text), hits, 10)  # mapped back once, for the quote and the matches
        return [Verdict(rule=self.name, action=Action.HOLD,
                        reason=_("Hostile language (%(constructs)s): %(words)s", constructs=words,
                                 words=quoted(found)),
                        member_message=self.member_message(), severity=self.severity,
                        constructs=constructs, matched=tuple(dict.fromkeys(found[:5])))]

    def member_message(self) -> str:
        return _("This is a kind community, and some words in your post could hurt someone. "
                 "A moderator will read it.")


def _label(construct: str) -> str:
    labels = {"attack": _("attack on a person"), "insult": _("insult"), "slur": _("slur"),
              "group hate": _("group hate"), "stigma": _("mental-illness stigma")}
    return labels.get(construct, construct)

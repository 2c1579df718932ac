"""A blind held-out set for the finder benchmark (issue #20, item 5), spent since the thirteenth round.

**Spent: now tuning.** It was the held-out set of rounds 9 to 12 and was measured about eight times; its misses
were named in benchmarks/results/finder-2026-12-07f.md and steered the next round, so it no longer counts as
unseen. Since 2026-12-07 (thirteenth round) ``finder_queries.py`` adds ``FRESH`` to ``TUNING`` as ``SPENT_FRESH``
and ``FRESH_NOT_COVERED`` to ``NOT_COVERED_TUNING``; the finder may be tuned on it (its misses are listed by
``finder_benchmark.py hits --tuning --misses``). A new blind set takes its place as ``HELD_OUT``.

The text below tells how it was written, as it was.

Written on 2026-12-07 by a helper session that had not seen the finder's code, its synonym files, the
existing benchmark queries (``TUNING`` / ``HELD_OUT`` below line 35 of ``finder_queries.py``), the finder's
tests or benchmark results, and never ran the finder or a benchmark. It replaces ``HELD_OUT``, which has been
measured too often to count as unseen. Do not tune the finder on it: when a query here misses, write a new
tuning query instead.

Sources of the situations (put in new words; no query copied from the reviews):
- ../shared/reviews/resident-staff-review-2026-11.md and -2026-12.md: how residents searched (a father after a
  birth, a 70-year-old woman arranging care for her husband, typhoon damage at large text, PINs);
- ../shared/reference/ (procedures.md, anchors.md): which situation each procedure is for;
- procedures/*.yml (title, summary, for_whom, when), life_events/*.yml (the guides' steps, including the
  counter-only steps such as 出生届 and 死亡届), docs/help/*.md (the help pages' sections).

Voices: a 75-year-old on a phone (kana only, spoken forms, old or everyday names such as ボケ or 老人ホーム,
spaces in odd places, okurigana variants, a missing small っ, homophone kanji slips such as 介護保健), a young
parent, a family member helping an elderly parent, a foreign resident writing simple Japanese.

How the answers were judged: from the pages' content only. A page is listed when a resident who opens it
finds what the words ask for: the procedure page for the situation, the life-event guide whose steps name
that procedure or hold the counter step asked about (出生届 and the children's medical-care subsidy are only in
the birth guide), and the help page whose section answers a trouble with the card, PINs, the phone or the
application after sending. When the words leave the situation open (first or later child, not yet or already
certified), every page that could be right is listed; pages that merely share a word are not.

After writing, a script dropped the 7 queries whose text (NFKC, spaces removed) equalled one of ``TUNING`` or
``HELD_OUT``, without showing them; 87 remained. At the merge the lead dropped 2 more (「児童手当 寄付したい」, 「手すり 工事 補助」)
that the tuning helper of the same day had written independently as tuning queries: 85 remain.

``FRESH_NOT_COVERED`` lists everyday errands that no page of the site answers, for the check that the Enter
key does not open a page for them.
"""

from __future__ import annotations

from tests.browser.finder_query import Query, _rows

_BIRTH_MONEY = "k01 k02 kurashi-birth"
_FIRST_CHILD = "k01 kurashi-birth"
_LATER_CHILD = "k02 kurashi-birth"
_PREGNANT = "k15 kurashi-birth"
_NURSERY = "k12 k11 kurashi-childcare"
_CARE_START = "c01 kurashi-care"
_DISASTER = "d01 kurashi-disaster"

FRESH: list[Query] = _rows([
    # --- child care (words) ---
    ("じどうてあて もらいかた", _FIRST_CHILD),
    ("こどもの てあて しんせい", _FIRST_CHILD),
    ("児童手当て 二人目", _LATER_CHILD),
    ("三人目 生まれた 手当", _LATER_CHILD),
    ("じどうてあて いつまでに", _BIRTH_MONEY),
    ("あかちゃん うまれた おかね", _BIRTH_MONEY),
    ("保育所 入所 申込", _NURSERY),
    ("育休あけ ほいくえん", _NURSERY),
    ("ようちえん にんてい", "k11 kurashi-childcare"),
    ("保育の認定 2号", "k11 kurashi-childcare"),
    ("保育園 毎年の 届出", "k13 kurashi-childcare"),
    ("ぼしてちょう もらう", _PREGNANT),
    ("妊娠届 どこで", _PREGNANT),
    ("出生届 何日以内", "kurashi-birth"),
    ("乳幼児医療 助成 しんせい", "kurashi-birth"),
    ("じどうてあて 名字が かわった", "k03"),
    ("児童手当 転出する", "k04 kurashi-moving"),
    ("児童手当 げんきょう とどけ", "k10"),
    ("児童扶養手当 現況 スマホ", "k14"),
    ("ひとりおや 手当 8月の届", "k14"),
    ("給食費 手当から ひいて", "k08"),
    ("手当の 寄附 取りやめ", "k07"),
    # --- nursing care (words) ---
    ("かいごにんてい もうしこみ", _CARE_START),
    ("要支援 申請 どこ", _CARE_START),
    ("介護保健 使いたい", _CARE_START),
    ("ぼけた 母 介護", _CARE_START),
    ("デイサービス つかいたい", "c01 c04 kurashi-care"),
    ("認定の 有効期間 切れる", "c02 kurashi-care"),
    ("介護度 みなおし", "c03 kurashi-care"),
    ("区分へんこう 申請", "c03 kurashi-care"),
    ("ケアプラン 届け出", "c04 kurashi-care"),
    ("かいごほけんしょう ふんしつ", "c06 kurashi-care"),
    ("介護 高額 はらいもどし", "c07 kurashi-care"),
    ("特養 食費 安く", "c08 kurashi-care"),
    ("ショートステイ 部屋代 減額", "c08 kurashi-care"),
    ("シャワーいす 購入 介護", "c09 kurashi-care"),
    ("段差 なくす リフォーム 介護", "c10 kurashi-care"),
    ("親 よびよせ 介護認定", "c11 kurashi-moving"),
    ("受給資格証明書 転入", "c11 kurashi-moving"),
    # --- disaster and help (words) ---
    ("りさい証明 もうしこみ", _DISASTER),
    ("床下浸水 証明書", _DISASTER),
    ("台風 屋根 とばされた", _DISASTER),
    ("暗証番号 ろっく かかった", "help-pin"),
    ("コンビニで 暗証番号 再設定", "help-pin"),
    ("マイナカード 読みとれない", "help-card-reading"),
    ("署名 できない ひこし", "help-certificate"),
    ("電子証明書 期限ぎれ", "help-certificate"),
    ("要訂正 とは", "help-after-sending"),
    ("マイナンバーカード なくした", "help-contact"),
    ("代理人 登録 マイナポータル", "help-family"),
    ("機種変更 スマホ用電子証明書", "help-smartphone"),
], sentence=False) + _rows([
    # --- child care (sentences) ---
    ("きのう 息子が うまれたので 手当の 申請を したいです", _BIRTH_MONEY),
    ("上の子が いて 下の子が 生まれました 児童手当は どうすれば いいですか", _LATER_CHILD),
    ("こどもが うまれました。 おかねの てつづきを おしえて ください", _BIRTH_MONEY),
    ("妊娠が わかったら 役場に 何を 出せば いいの", _PREGNANT),
    ("ぼしけんこうてちょうは どこで もらえますか", _PREGNANT),
    ("4月から 仕事に 戻るので 子どもを 保育園に 入れたい", _NURSERY),
    ("となりの 町から 引っ越して きました 児童手当は どう なりますか", "k01 kurashi-moving"),
    ("夫が 亡くなりました 子どもの 手当は どう なりますか", "k05 k01 kurashi-death"),
    ("保育園の 現況届の 紙が 届いたけど どうやって 出すの", "k13 kurashi-childcare"),
    ("児童手当で 給食費を はらう ことは できますか", "k08"),
    ("仕事が きまったので 年度の 途中でも 保育園に 入れますか", _NURSERY),
    ("出産したら 役所で 何を しないと いけないの", "kurashi-birth"),
    # --- nursing care (sentences) ---
    ("父が 退院したら 家で 介護が 必要に なりそうです", _CARE_START),
    ("母の 介護の 認定が もうすぐ 切れると 手紙が きました", "c02 kurashi-care"),
    ("要支援だったけど 最近 歩けなく なって きた", "c03 kurashi-care"),
    ("おふろで つかう いすを 買ったら お金が もどりますか", "c09 kurashi-care"),
    ("トイレに 手すりを つけたいけど 補助は ありますか", "c10 kurashi-care"),
    ("介護サービスの お金を 払いすぎた 分を かえして ほしい", "c07 kurashi-care"),
    ("いなかの 母を よんで いっしょに 住む ことに なりました 介護の 認定は どう なりますか", "c11 kurashi-moving"),
    ("家族が かわりに 介護の 申請を しても いいですか", "help-family c01 kurashi-care"),
    ("老人ホームの 食事代と 部屋代が 高くて はらえません", "c08 kurashi-care"),
    ("母が ボケて きて ひとりで 暮らすのが 心配です", _CARE_START),
    ("父の ケアマネさんが きまったら 役場に 何か 出しますか", "c04 kurashi-care"),
    # --- disaster and help (sentences) ---
    ("台風で 家が 水に つかったので 証明書が ほしい", _DISASTER),
    ("地震で 家の かべに ひびが はいりました どこに 申し込めば いいですか", _DISASTER),
    ("暗証番号を 3回 まちがえて 使えなく なりました", "help-pin"),
    ("スマホに カードを あてても 何も 反応しません", "help-card-reading"),
    ("申請を 送ったけど ちゃんと 届いたか 知りたい", "help-after-sending"),
    ("アイフォンで とった 写真が 添付 できません", "help-attachments"),
    ("スマホで 申請する には 何を じゅんび すれば いいですか", "help-prepare"),
    ("大雨で 床上まで 水が きた 家の 片づけは いつから していいの", _DISASTER),
    ("マイナンバーカードを おとして しまいました どこに 電話すれば いい", "help-contact"),
    ("母の かわりに 私の スマホで 申請の ようすを 見たい", "help-family help-after-sending"),
    ("ログインは できるのに 署名の ところで エラーに なる", "help-certificate"),
], sentence=True)

FRESH_NOT_COVERED: list[str] = [
    "バスの じこくひょう",
    "ごみの 日 カレンダー",
    "粗大ごみ 出し方",
    "図書館 何時まで",
    "犬の 登録",
    "建築確認 申請",
    "印鑑登録 したい",
    "選挙 投票所 どこ",
    "パスポート 申請",
    "公民館 予約",
]

"""A second held-out set of finder queries, written blind (issue #20 item 5).

How it was written
    On 2026-12-07 a helper session wrote these queries. It had not seen the finder's code, its word lists,
    readings or synonym files, the benchmark or its results, the decision records about the finder, or any
    earlier query set (tests/browser/finder_queries.py, tests/browser/finder_queries_fresh.py). It never ran
    the finder, the site search or a benchmark.

Where the situations come from
    The counter situations and search habits described in ../shared/reviews/ (the resident and staff reviews of
    2026-11 and 2026-12), the research notes in ../shared/reference/procedures.md, and what each page is for:
    procedures/*.yml (title, summary, for_whom, when, important), life_events/*.yml and docs/help/*.md. The
    words are new; no query was copied from the reviews.

Voices
    - a 75-year-old on a phone: kana only, spoken forms, everyday or old names (「介護の保険証」「マイナカード」), odd spaces
      (half- and full-width), okurigana variants (「無くした」「申込」), a dropped small っ (「ひこし」) and
      homophone slips (「暗唱番号」「理災」「負担割合照」);
    - a young parent typing quickly, short kanji words;
    - a family member helping a parent or a grandchild;
    - a foreign resident writing simple Japanese in kana with spaces.

How answers were judged
    From the pages' content only. A page is listed when a resident who opens it finds what the words ask for.
    When the words leave the situation open (first or later child; certified for care or not; moving within the
    town or away) every page that could be right is listed. A life-event guide (kurashi-*) is listed when the
    words describe the situation the guide is for (a baby, care starting, a move, a disaster, a death, wanting a
    nursery), not when they name one procedure. Pages that merely share a word are not listed: every procedure
    page repeats the card-reading and PIN steps, but card and PIN trouble is answered by the help pages.

Proportions (what residents look for)
    100 queries, 63 short words and 37 whole sentences. Counted by the pages they answer (a query that lists
    pages of two topics counts under both): child allowance 20, nurseries 10, pregnancy and birth 12,
    single-parent allowance 3, care certification 13, care insurance cards 6, care money 10, disaster certificate
    8, card / PIN / phone help 21, the moving and death guides 10.

De-duplication
    A throwaway script (not kept) compared every text here, after NFKC and with all spaces removed, against
    TUNING, HELD_OUT, NOT_COVERED and NOT_COVERED_TUNING (finder_queries.py) and FRESH and FRESH_NOT_COVERED
    (finder_queries_fresh.py), printing only a count: 10 texts (9 queries, 1 errand) were equal to one of theirs
    and were dropped.

FRESH2_NOT_COVERED
    Everyday errands no page of the site answers (checked by reading procedures/, life_events/ and
    docs/help/): for the check that Enter opens no page for them. Several sit close to a page on purpose
    (a different insurance card, after-school care, a birth lump sum, vaccinations).
"""

from __future__ import annotations

from tests.browser.finder_query import Query, _rows

FRESH2: list[Query] = _rows(
    [
        # Child allowance (児童手当)
        ("児童手当 二人目 生まれた", "k02 kurashi-birth"),
        ("じどう手当 ３にんめ 増える", "k02"),
        ("児童手当 名字 変わった", "k03"),
        ("じどうてあて ひこし", "k01 k03 k04 kurashi-moving"),
        ("児童手当 げんきょう届", "k10"),
        ("児童手当 寄付 申出", "k06"),
        ("児童手当 寄附 取り消し", "k07"),
        ("給食費 児童手当から払う", "k08"),
        ("給食費 天引き 中止", "k09"),
        ("児童手当 公務員 退職", "k01"),
        ("未払い 児童手当 請求", "k05"),
        # Nurseries (保育)
        ("保育所 入所申込 4月", "k12 k11 kurashi-childcare"),
        ("育休 復帰 保育園 入れたい", "k12 k11 kurashi-childcare"),
        ("保育園 現況届 毎年", "k13"),
        ("就労証明書 保育園", "k12 k13 k11"),
        ("こども園 申込", "k12 k11 kurashi-childcare"),
        ("保育 3号認定", "k11"),
        # Pregnancy and birth
        ("ぼしてちょう もらいかた", "k15"),
        ("妊娠とどけ どこ", "k15"),
        ("母子手帳 スマホで申請", "k15"),
        ("にんぷ 届出", "k15"),
        ("あかちゃん うまれた てつづき", "kurashi-birth k01 k02"),
        ("赤ちゃん 健康保険 入る", "kurashi-birth"),
        ("乳幼児医療証 申請", "kurashi-birth"),
        # Single-parent allowance
        ("ひとり親 現況届 8月", "k14"),
        ("児童扶養手当 事前送信", "k14"),
        # Care certification
        ("かいごにんてい しんせい", "c01"),
        ("要支援 認定 申し込み", "c01"),
        ("要介護度 見直し 申請", "c03"),
        ("介護度 あげて ほしい", "c03"),
        ("デイサービス 使いたい", "c01 c04 kurashi-care"),
        ("ケアマネ 変更 届", "c04"),
        ("介護認定 転入 引継ぎ", "c11 kurashi-moving"),
        ("受給資格証明書 介護 引っ越し", "c11 kurashi-moving"),
        # Care insurance cards
        ("介護保険証 無くした", "c06"),
        ("介護　保険証　汚れた", "c06"),
        ("負担割合照 紛失", "c05"),
        ("介護の保険証 ぼろぼろ", "c06"),
        # Care money
        ("高額介護 払戻し", "c07"),
        ("介護 自己負担 上限 こえた", "c07"),
        ("特養 食費 軽減", "c08"),
        ("ショートステイ 居住費 減額", "c08"),
        ("シャワーチェア 購入費", "c09"),
        ("手摺り 取付 工事 補助", "c10"),
        ("段差 解消 リフォーム 介護", "c10"),
        # Disaster
        ("理災証明", "d01"),
        ("床上浸水 証明書", "d01 kurashi-disaster"),
        ("じしん いえ ひがい", "d01 kurashi-disaster"),
        ("台風 屋根 被害 申請", "d01 kurashi-disaster"),
        ("家の被災証明 もらいかた", "d01"),
        # Card, PIN and phone trouble (help pages)
        ("暗唱番号 わすれた", "help-pin"),
        ("署名用パスワード ロック", "help-pin help-smartphone"),
        ("暗証番号 コンビニ 再設定", "help-pin"),
        ("マイナカード 読み取りできない", "help-card-reading"),
        ("NFC 設定", "help-card-reading help-prepare"),
        ("電子証明書 期限切れ", "help-certificate"),
        ("iPhone マイナンバーカード 追加", "help-smartphone"),
        ("添付 写真 HEIC", "help-attachments"),
        ("申請状況 確認", "help-after-sending"),
        ("マイナンバーカード 紛失 連絡先", "help-contact"),
        ("マイナポータル 準備するもの", "help-prepare"),
        # Moving and a death (guides)
        ("転入 手続き 一覧", "kurashi-moving"),
        ("身内 亡くなった 手続き", "kurashi-death"),
    ],
    sentence=False,
) + _rows(
    [
        # Child allowance and birth
        ("むすめが あかちゃん うんだけど てあての もうしこみ どうやるの", "k01 k02 kurashi-birth"),
        ("こどもが うまれました。おかねを もらう てつづきを おしえて ください", "k01 k02 kurashi-birth"),
        ("二人目が生まれたので児童手当をふやしてもらいたい", "k02 kurashi-birth"),
        ("児童手当から給食費を払えるって聞いたんですがどうすればいいですか", "k08"),
        ("来月となりの市に引っ越すけど児童手当はどうなりますか", "k04 kurashi-moving"),
        ("同じ町内で引っ越したんですが児童手当の届けはいりますか", "k03 kurashi-moving"),
        ("わたしは がいこくから ひっこして きました。こどもの てあては もらえますか", "k01 kurashi-moving"),
        ("夫が亡くなりました。子どもの手当はどうなりますか", "k05 k01 kurashi-death"),
        # Pregnancy
        ("わたしは にんしん しました。びょういんで いわれました。つぎは なにを しますか", "k15 kurashi-birth"),
        # Nurseries
        ("来年の4月から保育園に入れたいけど、申し込みはいつからですか", "k12 k11 kurashi-childcare"),
        ("上の子の保育園のことで毎年出す書類のお知らせが来ました", "k13"),
        ("まごの ほいくえんの もうしこみを てつだって あげたい", "k12 k11 kurashi-childcare"),
        ("にほんで こどもを ほいくえんに いれたいです。どう しますか", "k12 k11 kurashi-childcare"),
        # Single-parent allowance
        ("ひとり親の手当の書類を窓口に行く前にスマホで送れますか", "k14"),
        # Care
        ("親の介護がはじまりそう。まず何をすればいいの", "c01 kurashi-care"),
        ("父が退院したけど一人で歩けないので介護サービスを頼みたい", "c01 c03 kurashi-care"),
        ("介護認定の有効期間がもうすぐ終わると通知が届いた", "c02"),
        ("祖母の物忘れがひどくなって今の要支援では足りない", "c03"),
        ("遠くに住む母を引き取って一緒に暮らすことになった。介護の認定は引き継げる？", "c11 kurashi-moving"),
        ("かいごの ほけんしょうが みあたらないんだけど どうしたら いいかね", "c06"),
        ("母の介護保険証と負担割合証を封筒ごとなくしてしまいました", "c05 c06"),
        ("てすりを つけたいんだが かいごほけんから おかね でるのかい", "c10"),
        ("父を特別養護老人ホームに入れたいが食費と部屋代が高くて払えない", "c08"),
        ("先月の介護サービスの支払いがとても多かったのですが戻ってくるお金はありますか", "c07"),
        # Disaster
        ("たいふうで やねが とんで しょうめいしょを だせと いわれた", "d01 kurashi-disaster"),
        ("大雨で一階が水につかった。支援金の申し込みに何がいりますか", "d01 kurashi-disaster"),
        ("じしんで いえが こわれました。しょうめいしょが ほしいです", "d01 kurashi-disaster"),
        # Card, PIN and phone trouble
        ("ばんごうを なんかいも まちがえて つかえなく なった", "help-pin"),
        ("4けたの番号はわかるけど英字の長いほうを忘れてしまった", "help-pin"),
        ("スマホに カードを あてても なにも おこらない", "help-card-reading"),
        ("結婚して名字が変わってから申請の最後で署名がエラーになります", "help-certificate"),
        ("アイフォンで撮った書類の写真が申請につけられない", "help-attachments"),
        ("スマホで申請を送ったけど、ちゃんと受け付けられたか知りたい", "help-after-sending"),
        ("母のかわりに私のカードで申請してもいいですか", "help-family"),
        ("さいふを おとして マイナンバーカードも なくなった", "help-contact"),
        ("マイナポータルで申請するには何を用意すればいいですか", "help-prepare"),
        ("スマホを機種変更するとき、入れたマイナンバーカードはどうすればいい", "help-smartphone"),
    ],
    sentence=True,
)

FRESH2_NOT_COVERED: list[str] = [
    "燃えるごみ 何曜日",
    "ごみの だしかた おしえて ください",
    "パスポート 更新",
    "犬の登録 狂犬病",
    "印鑑登録証 なくした",
    "国民年金 免除 申請",
    "確定申告 医療費控除",
    "運転免許 返納",
    "水道 使い始め 連絡",
    "学童保育 申込",
    "赤ちゃん 予防接種 予約",
    "出産育児一時金 もらい方",
    "図書館 カード 作りたい",
    "固定資産税 納付書 なくした",
    "期日前投票 場所",
    "後期高齢者医療 保険証 再発行",
    "高齢者 肺炎球菌ワクチン",
]

"""The simple query syntax researchers type, parsed into a tree each backend translates.

Syntax (no engine syntax ever reaches an engine; every backend builds its query from the
tree below):

    mensenhandel uitbuiting        both words (implicit AND)
    "gedwongen prostitutie"        the exact phrase (unstemmed, consecutive words)
    loverboy OR pooier             either word; OR binds tighter than AND:
                                   `minderjarig loverboy OR pooier` means
                                   minderjarig AND (loverboy OR pooier)
    -vrijspraak  /  NOT vrijspraak exclude documents with the word (also -"phrase", -(a OR b))
    uitbuit*                       prefix on the unstemmed words (at least 2 characters)
    (a OR b) c                     grouping
    AND                            accepted and ignored (AND is the default)

Words are analysed (index/analysis.py): a word is lower-cased and stemmed (Snowball Dutch),
a Dutch stop word on its own is dropped, a "word" that the tokenizer splits into several
tokens (`loverboy-methode`, `ECLI:NL:HR:2020:123`) becomes an exact phrase of those tokens.

`parse(text)` gives the syntax tree (`Node`); `analyze(tree)` gives the tree backends
translate (`Query`): `Term` (a stem, searched in the stemmed text fields), `Prefix`
(searched in the unstemmed `.exact` fields), `Phrase` (consecutive unstemmed tokens in the
`.exact` fields; one token = an exact word), `All` / `AnyOf` (AND / OR of children) and
`Exclude` (only ever a direct child of `All`). `None` means "match every document".
Every field is searched as summary OR text: a term matches a document when it occurs in
either; a phrase must lie entirely inside one of them.
"""

from __future__ import annotations

from dataclasses import dataclass

# -- errors -------------------------------------------------------------------------------


class QuerySyntaxError(ValueError):
    """A malformed query: says what is wrong and where (0-based character position)."""

    def __init__(self, message: str, position: int, query: str = "") -> None:
        self.message = message
        self.position = position
        self.query = query
        super().__init__(f"{message} (at position {position + 1})")

    def pointer(self) -> str:
        """The query with a caret under the problem, for terminal messages."""
        return f"{self.query}\n{' ' * self.position}^"


# -- the syntax tree ---------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    prefix: bool = False  # written as `word*`


@dataclass(frozen=True)
class QuotedPhrase:
    text: str
    start: int


@dataclass(frozen=True)
class Not:
    child: Node
    start: int


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]
    start: int


Node = Word | QuotedPhrase | Not | And | Or


# -- the analysed tree backends translate -------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One stem, matched against the stemmed fields (summary, text)."""

    stem: str
    source: str  # the word as typed, for messages


@dataclass(frozen=True)
class Prefix:
    """Words starting with `prefix` (lower-cased, unstemmed) in the `.exact` fields."""

    prefix: str
    source: str


@dataclass(frozen=True)
class Phrase:
    """Consecutive lower-cased unstemmed tokens in the `.exact` fields (stop words kept)."""

    tokens: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class All:
    """Every child matches. Children of type `Exclude` must not match.

    Invariant after `analyze`: at least one child; an `All` nested in an `AnyOf` has at
    least one positive child. A root `All` may consist of exclusions only (= every
    document except ...).
    """

    children: tuple[Query, ...]


@dataclass(frozen=True)
class AnyOf:
    """At least one child matches. Children are never `Exclude`."""

    children: tuple[Query, ...]


@dataclass(frozen=True)
class Exclude:
    child: Query


Query = Term | Prefix | Phrase | All | AnyOf | Exclude


# -- lexer ---------------------------------------------------------------------------------

_SPECIAL = '()"'


@dataclass(frozen=True)
class _Tok:
    kind: str  # WORD PHRASE LPAREN RPAREN OR AND NOT MINUS
    text: str
    start: int


def _lex(query: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch == "(":
            tokens.append(_Tok("LPAREN", ch, i))
            i += 1
        elif ch == ")":
            tokens.append(_Tok("RPAREN", ch, i))
            i += 1
        elif ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QuerySyntaxError("unclosed quote", i, query)
            if end + 1 < n and query[end + 1] == "*":
                raise QuerySyntaxError("* only works at the end of a word, not after a phrase",
                                       end + 1, query)
            tokens.append(_Tok("PHRASE", query[i + 1:end], i))
            i = end + 1
        elif ch == "-" and i + 1 < n and not query[i + 1].isspace():
            tokens.append(_Tok("MINUS", ch, i))
            i += 1
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] not in _SPECIAL:
                j += 1
            text = query[i:j]
            kind = {"OR": "OR", "AND": "AND", "NOT": "NOT"}.get(text, "WORD")
            tokens.append(_Tok(kind, text, i))
            i = j
    return tokens


# -- parser ----------------------------------------------------------------------------------


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = _lex(query)
        self.pos = 0

    def error(self, message: str, position: int | None = None) -> QuerySyntaxError:
        if position is None:
            tok = self.peek()
            position = tok.start if tok else len(self.query)
        return QuerySyntaxError(message, position, self.query)

    def peek(self) -> _Tok | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Tok:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> Node | None:
        if not self.tokens:
            return None
        node = self.conjunction(top=True)
        if self.peek() is not None:  # only a stray ')' stops a top-level conjunction
            raise self.error("unbalanced ')': no '(' opens it")
        return node

    def conjunction(self, *, top: bool) -> Node:
        children: list[Node] = []
        while (tok := self.peek()) is not None and tok.kind != "RPAREN":
            if tok.kind == "AND":
                self.take()
                if not children:
                    raise self.error("AND needs a word before it", tok.start)
                nxt = self.peek()
                if nxt is None or nxt.kind in ("RPAREN", "OR", "AND"):
                    raise self.error("AND needs a word after it", tok.start)
                continue
            children.append(self.disjunction())
        if not children:
            tok = self.peek()
            raise self.error("empty group '()'" if tok is not None else "empty query")
        return children[0] if len(children) == 1 else And(tuple(children))

    def disjunction(self) -> Node:
        first_tok = self.peek()
        assert first_tok is not None
        if first_tok.kind == "OR":
            raise self.error("OR needs a word before it", first_tok.start)
        children = [self.unary()]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in ("RPAREN", "OR", "AND"):
                raise self.error("OR needs a word after it", tok.start)
            children.append(self.unary())
        if len(children) == 1:
            return children[0]
        return Or(tuple(children), first_tok.start)

    def unary(self) -> Node:
        tok = self.peek()
        assert tok is not None
        if tok.kind in ("MINUS", "NOT"):
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in ("RPAREN", "OR", "AND"):
                raise self.error(f"nothing to exclude after '{tok.text}'", tok.start)
            if nxt.kind in ("MINUS", "NOT"):
                raise self.error("double exclusion", nxt.start)
            return Not(self.primary(), tok.start)
        return self.primary()

    def primary(self) -> Node:
        tok = self.take()
        if tok.kind == "WORD":
            return self.word(tok)
        if tok.kind == "PHRASE":
            if not tok.text.strip():
                raise self.error("empty phrase \"\"", tok.start)
            return QuotedPhrase(tok.text, tok.start)
        if tok.kind == "LPAREN":
            if (nxt := self.peek()) is None:
                raise self.error("unbalanced '(': no ')' closes it", tok.start)
            if nxt.kind == "RPAREN":
                raise self.error("empty group '()'", tok.start)
            node = self.conjunction(top=False)
            if (close := self.peek()) is None or close.kind != "RPAREN":
                raise self.error("unbalanced '(': no ')' closes it", tok.start)
            self.take()
            return node
        if tok.kind == "RPAREN":
            raise self.error("unbalanced ')': no '(' opens it", tok.start)
        raise self.error(f"unexpected '{tok.text}'", tok.start)  # pragma: no cover

    def word(self, tok: _Tok) -> Word:
        text = tok.text
        star = text.find("*")
        if star >= 0 and star != len(text) - 1:
            raise self.error("* only works at the end of a word", tok.start + star)
        if star == len(text) - 1:
            stem = text[:-1]
            if not stem:
                raise self.error("* needs the start of a word before it", tok.start)
            return Word(stem, tok.start, prefix=True)
        return Word(text, tok.start)


def parse(query: str) -> Node | None:
    """The syntax tree of `query`; None for an empty query (= every document)."""
    return _Parser(query).parse()


# -- analysis: syntax tree -> the tree backends translate ----------------------------------


MIN_PREFIX = 2


def analyze(node: Node | None, query: str = "") -> Query | None:
    """Apply the shared text analysis (index/analysis.py) to the leaves and simplify.

    Stop words and punctuation-only words drop out of their parent; a parent left empty
    drops out too; None means "every document". Raises QuerySyntaxError for an exclusion
    that is an OR alternative (`a OR -b`), which neither engine can run as a filter.
    """
    if node is None:
        return None
    analysed = _analyze(node, query)
    if isinstance(analysed, Exclude):  # a lone exclusion: every document except ...
        return All((analysed,))
    return analysed


def parse_query(query: str) -> Query | None:
    """`analyze(parse(query))`: the one call backends make."""
    return analyze(parse(query), query)


def _analyze(node: Node, query: str) -> Query | None:
    from index.analysis import exact_tokens, is_stop, stem

    if isinstance(node, Word):
        tokens = exact_tokens(node.text)
        if node.prefix:
            if len(tokens) != 1:
                raise QuerySyntaxError("a prefix* must be a single word", node.start, query)
            if len(tokens[0]) < MIN_PREFIX:
                raise QuerySyntaxError(
                    f"a prefix* needs at least {MIN_PREFIX} letters", node.start, query)
            return Prefix(tokens[0], node.text + "*")
        if not tokens:
            return None
        if len(tokens) > 1:
            return Phrase(tuple(tokens), node.text)
        if is_stop(tokens[0]):
            return None
        return Term(stem(tokens[0]), node.text)
    if isinstance(node, QuotedPhrase):
        tokens = exact_tokens(node.text)
        return Phrase(tuple(tokens), node.text) if tokens else None
    if isinstance(node, Not):
        # not `child`: the loops below reuse that name for syntax nodes
        excluded = _analyze(node.child, query)
        if isinstance(excluded, All) and any(isinstance(c, Exclude) for c in excluded.children):
            raise QuerySyntaxError("an exclusion cannot contain another exclusion",
                                   node.start, query)
        return Exclude(excluded) if excluded is not None else None
    if isinstance(node, Or):
        alternatives: list[Query] = []
        for child in node.children:
            analysed = _analyze(child, query)
            if analysed is None:
                continue
            if isinstance(analysed, Exclude) or (
                isinstance(analysed, All)
                and all(isinstance(c, Exclude) for c in analysed.children)
            ):
                raise QuerySyntaxError("an exclusion cannot be an OR alternative",
                                       _start(child, node.start), query)
            if isinstance(analysed, AnyOf):
                alternatives.extend(analysed.children)
            else:
                alternatives.append(analysed)
        if not alternatives:
            return None
        return alternatives[0] if len(alternatives) == 1 else AnyOf(tuple(alternatives))
    assert isinstance(node, And)
    parts: list[Query] = []
    for child in node.children:
        analysed = _analyze(child, query)
        if analysed is None:
            continue
        if isinstance(analysed, All):
            parts.extend(analysed.children)
        else:
            parts.append(analysed)
    if not parts:
        return None
    if len(parts) == 1 and not isinstance(parts[0], Exclude):
        return parts[0]
    return All(tuple(parts))


def _start(node: Node, default: int) -> int:
    """Where a node begins in the query (for error positions)."""
    if isinstance(node, And):
        return _start(node.children[0], default) if node.children else default
    return getattr(node, "start", default)


def positive_leaves(query: Query | None) -> list[Term | Prefix | Phrase]:
    """The leaves outside any exclusion: what highlighting marks."""
    if query is None:
        return []
    if isinstance(query, Term | Prefix | Phrase):
        return [query]
    if isinstance(query, Exclude):
        return []
    leaves: list[Term | Prefix | Phrase] = []
    for child in query.children:
        leaves.extend(positive_leaves(child))
    return leaves

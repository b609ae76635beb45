// The .mcppolicy language, version 1 (see docs/language.md).
//
// The grammar is deliberately permissive where a specific message helps the author more than
// ANTLR's token sets would: windows, scopes, classes, risk levels and literal values are parsed
// as identifiers or literals and validated by the AST builder, which can say exactly what is wrong.
grammar McpPolicy;

@parser::members {
  /** A catalog entry's optional parts stay on the entry's line. */
  boolean onSameLine() {
    return _input.LT(1).getLine() == _input.LT(-1).getLine();
  }

  /** A statement keyword at the start of a new line begins a new statement, not a tool name. */
  boolean startsStatement() {
    org.antlr.v4.runtime.Token next = _input.LT(1);
    switch (next.getType()) {
      case ALLOW: case DENY: case HIDE: case TOOL: case ALL: case TEST: case IMPORT:
      case POLICY: case DEFAULT: case CATALOG:
        return next.getLine() > _input.LT(-1).getLine();
      default:
        return false;
    }
  }
}

// ---------------------------------------------------------------- entry rules

standaloneFile : items+=item* EOF ;

item
  : POLICY name=STRING                                                  #policyItem
  | DEFAULT posture=identifier                                          #defaultItem
  | IMPORT target=STRING                                                  #importItem
  | CATALOG id=identifier title=STRING? LBRACE (entries+=catalogEntry | SEMI)* RBRACE  #catalogItem
  | statement                                                           #statementItem
  | TEST name=STRING LBRACE steps+=testStep* RBRACE                     #testItem
  | SEMI                                                                #emptyItem
  ;

// ---------------------------------------------------------------- catalogs

catalogEntry
  : name=toolName cls=identifier ({onSameLine()}? risk=riskWord)? ({onSameLine()}? description=STRING)?
    ({onSameLine()}? ARGS LBRACE (args+=argDecl (COMMA args+=argDecl)*)? RBRACE)?
  ;

// `required` is checked by the AST builder, which can suggest it when misspelt.
argDecl : name=toolName type=identifier required=identifier? ;

riskWord : LOW | MEDIUM | HIGH | CRITICAL ;

// ---------------------------------------------------------------- statements

statement
  : ALLOW sel=selector                                                  #allowStatement
  | HIDE sel=selector                                                   #hideStatement
  | DENY sel=selector (MESSAGE message=STRING)?                         #denyStatement
  | TOOL sel=selector (limit=limitClause | LBRACE rules+=ruleItem* RBRACE)  #toolStatement
  | ALL TOOLS limit=limitClause                                         #allToolsStatement
  ;

limitClause
  : LIMIT count=NUMBER SLASH window=ID (PER scope=(GRANT | ID))? (AS counter=toolName)?
  ;

ruleItem
  : REQUIRE cond=orExpr (MESSAGE message=STRING)?                       #requireRule
  | DENY IF cond=orExpr (MESSAGE message=STRING)?                       #denyIfRule
  | limit=limitClause                                                   #limitRule
  | SEMI                                                                #emptyRule
  ;

// ---------------------------------------------------------------- selectors

selector : items+=selectorItem (COMMA items+=selectorItem)* ;

selectorItem
  : CLASS cls=identifier                                                #classSelector
  | RISK op=compareOp level=identifier                                  #riskSelector
  | pattern=GLOB                                                        #globSelector
  | {!startsStatement()}? name=toolName                                 #nameSelector
  ;

toolName : identifier | STRING ;

// ---------------------------------------------------------------- conditions

orExpr : terms+=andExpr (OR terms+=andExpr)* ;

andExpr : factors+=condition (AND factors+=condition)* ;

condition
  : LPAREN inner=orExpr RPAREN                                          #groupCondition
  | path op=compareOp value=literal                                     #compareCondition
  | path negated=NOT? IN value=literal                                  #inCondition
  | path negated=NOT? MATCHES value=literal                             #matchesCondition
  | path negated=NOT? CONTAINS value=literal                            #containsCondition
  | path negated=NOT? EXISTS                                            #existsCondition
  ;

compareOp : EQ | NEQ | LT | LTE | GT | GTE ;

// `args.a.b` is one ID token (names may hold dots); a quoted segment follows a trailing dot:
// `args."content-type"`, and further segments come as DOT then a name or a string.
path : head=(ID | ARGS) (segments+=pathSegment)* ;

pathSegment
  : quoted=STRING                                                       #quotedSegment
  | DOT quoted=STRING                                                   #dotQuotedSegment
  | DOT name=identifier                                                 #dotNameSegment
  ;

// ---------------------------------------------------------------- literals (JSON)

literal
  : STRING                                                              #stringLiteral
  | NUMBER                                                              #numberLiteral
  | TRUE                                                                #trueLiteral
  | FALSE                                                               #falseLiteral
  | NULL                                                                #nullLiteral
  | LBRACK (elements+=literal (COMMA elements+=literal)*)? RBRACK        #listLiteral
  | object                                                              #objectLiteral
  ;

object : LBRACE (members+=member (COMMA members+=member)*)? RBRACE ;

member : key=STRING COLON value=literal ;

// ---------------------------------------------------------------- tests

testStep
  : GRANT grant=STRING                                                  #grantStep
  | AT instant=STRING                                                   #atStep
  | AFTER duration=DURATION                                             #afterStep
  | CALL tool=toolName args=object? (X count=NUMBER)? (OUTCOME outcome=identifier)?
      EXPECT decision=identifier (RULE expectedRule=STRING)? (MESSAGE message=STRING)?  #callStep
  | REPLAY file=STRING                                                  #replayStep
  | SEMI                                                                #emptyStep
  ;

// ---------------------------------------------------------------- identifiers

// Keywords stay usable as tool names, windows, classes and path segments.
identifier
  : ID
  | POLICY | DEFAULT | ALLOW | DENY | HIDE | TOOL | TOOLS | ALL | LIMIT | PER | GRANT | AS
  | REQUIRE | IF | AND | OR | NOT | IN | MATCHES | CONTAINS | EXISTS | MESSAGE | IMPORT
  | CATALOG | CLASS | RISK | TEST | AT | AFTER | CALL | EXPECT | RULE | OUTCOME | X | REPLAY
  | TRUE | FALSE | NULL | LOW | MEDIUM | HIGH | CRITICAL | ARGS
  ;

// ================================================================ lexer

POLICY   : 'policy' ;
DEFAULT  : 'default' ;
ALLOW    : 'allow' ;
DENY     : 'deny' ;
HIDE     : 'hide' ;
TOOL     : 'tool' ;
TOOLS    : 'tools' ;
ALL      : 'all' ;
LIMIT    : 'limit' ;
PER      : 'per' ;
GRANT    : 'grant' ;
AS       : 'as' ;
REQUIRE  : 'require' ;
IF       : 'if' ;
AND      : 'and' ;
OR       : 'or' ;
NOT      : 'not' ;
IN       : 'in' ;
MATCHES  : 'matches' ;
CONTAINS : 'contains' ;
EXISTS   : 'exists' ;
MESSAGE  : 'message' ;
IMPORT   : 'import' ;
CATALOG  : 'catalog' ;
CLASS    : 'class' ;
RISK     : 'risk' ;
TEST     : 'test' ;
AT       : 'at' ;
AFTER    : 'after' ;
CALL     : 'call' ;
EXPECT   : 'expect' ;
RULE     : 'rule' ;
OUTCOME  : 'outcome' ;
X        : 'x' ;
REPLAY   : 'replay' ;
TRUE     : 'true' ;
FALSE    : 'false' ;
NULL     : 'null' ;
LOW      : 'low' ;
MEDIUM   : 'medium' ;
HIGH     : 'high' ;
CRITICAL : 'critical' ;
ARGS     : 'args' ;

LBRACE : '{' ;
RBRACE : '}' ;
LBRACK : '[' ;
RBRACK : ']' ;
LPAREN : '(' ;
RPAREN : ')' ;
COMMA  : ',' ;
SEMI   : ';' ;
COLON  : ':' ;
SLASH  : '/' ;
DOT    : '.' ;
EQ     : '==' ;
NEQ    : '!=' ;
LTE    : '<=' ;
GTE    : '>=' ;
LT     : '<' ;
GT     : '>' ;

DURATION : [0-9]+ ('ms' | 's' | 'm' | 'h' | 'd') ;

NUMBER : '-'? ('0' | [1-9] [0-9]*) ('.' [0-9]+)? ([eE] [+-]? [0-9]+)? ;

ID   : [A-Za-z_] [A-Za-z0-9_.\-]* ;
GLOB : [A-Za-z_*?] [A-Za-z0-9_.\-*?]* ;

// Escapes are validated by the AST builder, which can point at the bad one.
STRING : '"' ('\\' ~[\r\n] | ~["\\\r\n])* '"' ;
UNTERMINATED_STRING : '"' ('\\' ~[\r\n] | ~["\\\r\n])* ;

COMMENT : ('#' | '//') ~[\r\n]* -> channel(2) ;
WS      : [ \t\r\n\f]+ -> skip ;

UNRECOGNIZED : . ;

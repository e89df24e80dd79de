// Verdict rule language. Only this grammar lives in grammar/; the generated
// C++ goes to the build tree. Only compiler/syntax/antlr/ sees the generated
// parse tree: ast_builder.cc and expr_builder.cc there build the AST from
// it, one function per rule. compiler/syntax/operators.cc holds the
// precedence written below (a test checks that the two agree).
grammar Rules;

// ---------------------------------------------------------------- file

file        : rulesetDecl item* EOF ;
rulesetDecl : 'ruleset' name ;

item
  : versionDecl
  | outcomesDecl
  | pointsDecl
  | inputDecl
  | outputDecl
  | letDecl
  | modelDecl
  | segmentDecl
  | ruleDecl
  | decideDecl
  ;

versionDecl  : 'version' STRING ;
outcomesDecl : 'outcomes' name (',' name)* ;
pointsDecl   : 'points' 'base' signedNumber 'scale' signedNumber '..' signedNumber ;

// ---------------------------------------------------------------- schema

inputDecl : 'input' name '{' fieldDecl* '}' ;
fieldDecl : name ':' typeRef optional='?'? fieldAttr* ;
fieldAttr : '@' name | STRING ;

typeRef
  : 'number'                          # numberType
  | 'bool'                            # boolType
  | 'string'                          # stringType
  | 'enum' '(' name (',' name)* ')'   # enumType
  ;

outputDecl : 'output' name ':' typeRef '=' expr ;
letDecl    : 'let' name '=' expr ;

modelDecl   : 'model' name '=' 'xgboost' STRING modelClause* ;
modelClause
  : 'predicts' negated='not'? name                            # predictsClause
  | 'features' '(' name (',' name)* ')'                        # featuresClause
  | 'reason' name direction=('lowers' | 'raises')? STRING STRING  # modelReasonClause
  ;

segmentDecl : 'segment' name 'when' expr ;

// ---------------------------------------------------------------- rules

ruleDecl : 'rule' name STRING? 'when' expr 'then' action (','? action)* ;

action
  : 'points' signedNumber                        # pointsAction
  | 'tag' STRING                                 # tagAction
  | 'reason' STRING STRING                       # reasonAction
  | name '=' expr ('priority' signedNumber)?     # outputAction
  | IDENT                                        # outcomeAction
  ;
// A knock-out outcome is a plain IDENT, never a soft keyword: with optional
// commas between actions, `then decline` followed by an `outcomes` or
// `version` line must end the rule rather than read as more knock-outs.

decideDecl   : 'decide' decideBranch+ ;
decideBranch
  : name 'when' expr    # whenBranch
  | name 'otherwise'    # otherwiseBranch
  ;

// ---------------------------------------------------------------- expressions
// Alternatives are listed from the tightest binding to the loosest.

expr
  : primary                                                # primaryExpr
  | '-' expr                                               # negExpr
  | expr op=('*' | '/') expr                               # mulExpr
  | expr op=('+' | '-') expr                               # addExpr
  | <assoc=right> expr '??' expr                           # coalesceExpr
  | expr op=('<' | '<=' | '>' | '>=' | '==' | '!=') expr   # compareExpr
  | expr negated='not'? 'in' '[' expr (',' expr)* ']'      # inExpr
  | expr 'is' negated='not'? 'missing'                     # missingExpr
  | 'not' expr                                             # notExpr
  | expr 'and' expr                                        # andExpr
  | expr 'or' expr                                         # orExpr
  ;

primary
  : NUMBER                                 # numberLit
  | STRING                                 # stringLit
  | ('true' | 'false')                     # boolLit
  | name '(' (expr (',' expr)*)? ')'       # callExpr
  | name                                   # nameRef
  | '(' expr ')'                           # parenExpr
  ;

signedNumber : sign=('+' | '-')? NUMBER ;

// Soft keywords: words with a meaning in one clause that stay usable as names.
name
  : IDENT
  | 'base' | 'scale' | 'xgboost' | 'predicts' | 'features' | 'priority'
  | 'version' | 'outcomes' | 'tag' | 'lowers' | 'raises'
  ;

// ---------------------------------------------------------------- tokens

NUMBER  : DIGIT+ ('.' DIGIT+)? ([eE] [+-]? DIGIT+)? ;
STRING  : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;
IDENT   : [a-zA-Z_] [a-zA-Z_0-9]* ;
COMMENT : '#' ~[\r\n]* -> channel(HIDDEN) ;
WS      : [ \t\r\n]+ -> channel(HIDDEN) ;
// Anything else becomes a single-character token the parser rejects with a
// located diagnostic instead of a lexer abort.
UNKNOWN_CHAR : . ;

fragment DIGIT : [0-9] ;

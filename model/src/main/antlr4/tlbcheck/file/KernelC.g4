/*
 * Model files: the Linux-kernel memory model's C litmus format (tools/memory-model/litmus-tests,
 * herdtools7's "C" front end), after the header line "C NAME" and its optional (* comment *),
 * which ModelFile reads itself because a test's name is not a C token (2+2W+mb+mb.ok).
 */
grammar KernelC;

file      : init helper* thread+ clause* EOF ;

init      : '{' initItem* '}' ;
initItem  : 'pgtable_t' IDENT '[' size=INT ']' '=' '{' value (',' value)* '}' ';' # pgtableDecl
          | 'set_page_count' '(' IDENT ',' count=INT ')' ';'        # pageCount
          | typeName? target '=' value ';'                          # initValue
          | typeName '*'* IDENT ('[' size=INT ']')? ';'             # initDecl
          | 'enum' IDENT '{' enumerator (',' enumerator)* '}' ';'   # enumDecl
          ;
enumerator: IDENT ('(' IDENT ')')? ;
target    : (proc=INT ':')? IDENT ('[' index=INT ']')? ;
value     : '-'? INT | 'true' | 'false' | enumerator ;

helper    : 'static' 'inline'? (typeName | 'void') IDENT
            '(' (helperParam (',' helperParam)*)? ')' block ;
helperParam : 'volatile'? typeName ptr='*'? IDENT ;

thread    : IDENT ('(' cpu=INT ')')? '(' (param (',' param)*)? ')' block ;
param     : 'volatile'? typeName '*' IDENT ;
typeName  : 'enum' IDENT
          | ('int' | 'unsigned' | 'long' | 'short' | 'char' | 'bool' | 'u8' | 'u16' | 'u32'
            | 'u64' | 'intptr_t' | 'spinlock_t' | 'rwlock_t' | 'atomic_t' | 'refcount_t'
            | 'tlb_t' | 'pgtable_t')+ ;

block     : '{' stmt* '}' ;
stmt      : typeName IDENT ('=' expr)? ';'                          # declStmt
          | IDENT '=' expr ';'                                      # assignStmt
          | '*' IDENT '=' expr ';'                                  # storeStmt
          | '(' '*' IDENT ')' op=('++' | '--') ';'                  # incStmt
          | 'return' expr? ';'                                      # returnStmt
          | expr ';'                                                # exprStmt
          | 'if' '(' expr ')' stmt ('else' stmt)?                   # ifStmt
          | 'for' '(' typeName? var=IDENT '=' from=INT ';' IDENT '<' to=INT ';' IDENT '++' ')'
            stmt                                                    # forStmt
          | block                                                   # blockStmt
          | ';'                                                     # emptyStmt
          ;

expr      : IDENT '(' (expr (',' expr)*)? ')'                       # call
          | '(' expr ')'                                            # parens
          | '*' expr                                                # deref
          | op=('!' | '-' | '~') expr                               # unary
          | expr op=('*' | '/' | '%') expr                          # binary
          | expr op=('+' | '-') expr                                # binary
          | expr op=('<<' | '>>') expr                              # binary
          | expr op=('<' | '<=' | '>' | '>=') expr                  # binary
          | expr op=('==' | '!=') expr                              # binary
          | expr op='&' expr                                        # binary
          | expr op='^' expr                                        # binary
          | expr op='|' expr                                        # binary
          | expr op='&&' expr                                       # binary
          | expr op='||' expr                                       # binary
          | INT                                                     # literal
          | ('true' | 'false')                                      # boolean
          | IDENT                                                   # name
          ;

clause    : 'locations' '[' (target ';')* ']'                       # locations
          | quant=('exists' | 'forall') '(' cond ')'                # final
          | '~' 'exists' '(' cond ')'                               # notExists
          | kind=('invariant' | 'final') IDENT STRING '(' cond ')'  # named
          | 'metric' IDENT STRING                                   # metric
          | 'freed_walk' IDENT STRING                               # freedWalk
          | 'race' IDENT STRING (before=threads 'then')? first=threads '||' second=threads
            ('then' after=threads)?                                 # race
          ;
threads   : '(' threadRef (',' threadRef)* ')' ;
threadRef : IDENT ('(' INT ')')? ;
cond      : '(' cond ')'                                            # condParens
          | '~' cond                                                # condNot
          | cond '/\\' cond                                         # condAnd
          | cond '\\/' cond                                         # condOr
          | target '=' value                                        # condAtom
          | ('true' | 'false')                                      # condConst
          ;

INT           : [0-9]+ | '0x' [0-9a-fA-F]+ ;
IDENT         : [a-zA-Z_] [a-zA-Z_0-9]* ;
STRING        : '"' ~["\r\n]* '"' ;
LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS            : [ \t\r\n]+ -> skip ;

package io.jenkins.plugins.mlops.core.validate.rules;

/** The kinds of token a rule is made of. */
enum TokenType {
    NUMBER, NAME, LPAREN, RPAREN, COMMA,
    PLUS, MINUS, STAR, SLASH,
    LT, LE, GT, GE, EQ, NE,
    AND, OR, NOT,
    END
}

package io.jenkins.plugins.mlops.core.validate.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits one rule into tokens; the whole list is produced up front because rules are one line long. */
final class Lexer {

    private static final Pattern NUMBER = Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final String src;
    private int pos;

    private Lexer(String src) {
        this.src = src;
    }

    static List<Token> tokenize(String src) {
        return new Lexer(src).run();
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= src.length()) {
                out.add(Token.of(TokenType.END, "", pos, pos));
                return out;
            }
            out.add(next());
        }
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private Token next() {
        int start = pos;
        char c = src.charAt(pos);
        char d = pos + 1 < src.length() ? src.charAt(pos + 1) : '\0';
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(d))) {
            return number();
        }
        if (isNameStart(c) || c == '`') {
            return name();
        }
        switch (c) {
            case '(': pos++; return Token.of(TokenType.LPAREN, "(", start, pos);
            case ')': pos++; return Token.of(TokenType.RPAREN, ")", start, pos);
            case ',': pos++; return Token.of(TokenType.COMMA, ",", start, pos);
            case '+': pos++; return Token.of(TokenType.PLUS, "+", start, pos);
            case '-': pos++; return Token.of(TokenType.MINUS, "-", start, pos);
            case '*': pos++; return Token.of(TokenType.STAR, "*", start, pos);
            case '/': pos++; return Token.of(TokenType.SLASH, "/", start, pos);
            case '<': return d == '=' ? two(TokenType.LE, "<=") : one(TokenType.LT, "<");
            case '>': return d == '=' ? two(TokenType.GE, ">=") : one(TokenType.GT, ">");
            case '!': return d == '=' ? two(TokenType.NE, "!=") : one(TokenType.NOT, "!");
            case '=':
                if (d == '=') {
                    return two(TokenType.EQ, "==");
                }
                throw new ParseProblem(start, "'=' alone is not an operator; compare with '==', '<=' or '>='");
            case '&':
                if (d == '&') {
                    return two(TokenType.AND, "&&");
                }
                throw new ParseProblem(start, "'&' alone is not an operator; write '&&' for 'and'");
            case '|':
                if (d == '|') {
                    return two(TokenType.OR, "||");
                }
                throw new ParseProblem(start, "'|' alone is not an operator; write '||' for 'or'");
            default:
                throw new ParseProblem(start, "unexpected character '" + c + "'");
        }
    }

    private Token one(TokenType type, String text) {
        pos += 1;
        return Token.of(type, text, pos - 1, pos);
    }

    private Token two(TokenType type, String text) {
        pos += 2;
        return Token.of(type, text, pos - 2, pos);
    }

    /**
     * Takes everything that could belong to the number (digits, letters, dots) and then checks its form, so that
     * {@code 1.2.3} or {@code 2x} is reported as one malformed number rather than as a puzzling next token.
     */
    private Token number() {
        int start = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            boolean exponentSign = (c == '+' || c == '-') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')
                    && NUMBER.matcher(src.substring(start, pos - 1)).matches();
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign) {
                pos++;
            } else {
                break;
            }
        }
        String text = src.substring(start, pos);
        if (!NUMBER.matcher(text).matches()) {
            throw new ParseProblem(start, "malformed number '" + text + "'; write numbers like 0.95, 12 or 1e-3");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new ParseProblem(start, "number '" + text + "' is too large");
        }
        return new Token(TokenType.NUMBER, text, new Span(start, pos), value, List.of(), false);
    }

    private Token name() {
        int start = pos;
        List<String> segments = new ArrayList<>();
        boolean quotedFirst = src.charAt(pos) == '`';
        segments.add(segment(true));
        while (pos + 1 < src.length() && src.charAt(pos) == '.' && isSegmentStart(src.charAt(pos + 1))) {
            pos++;
            segments.add(segment(false));
        }
        return new Token(TokenType.NAME, src.substring(start, pos), new Span(start, pos), Double.NaN,
                List.copyOf(segments), quotedFirst);
    }

    private String segment(boolean first) {
        if (src.charAt(pos) == '`') {
            int open = pos;
            int close = src.indexOf('`', pos + 1);
            if (close < 0) {
                throw new ParseProblem(open, "the name quoted with ` at column " + (open + 1) + " is not closed");
            }
            if (close == open + 1) {
                throw new ParseProblem(open, "empty quoted name ``");
            }
            pos = close + 1;
            return src.substring(open + 1, close);
        }
        int start = pos;
        while (pos < src.length() && isNamePart(src.charAt(pos))) {
            pos++;
        }
        if (first && Character.isDigit(src.charAt(start))) {
            throw new ParseProblem(start, "a metric name cannot start with a digit");
        }
        return src.substring(start, pos);
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isSegmentStart(char c) {
        return isNamePart(c) || c == '`';
    }
}

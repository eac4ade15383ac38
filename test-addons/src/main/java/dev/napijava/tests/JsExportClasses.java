package dev.napijava.tests;

import dev.napijava.Addon;
import dev.napijava.Env;
import dev.napijava.JsExport;
import dev.napijava.Nullable;
import dev.napijava.value.JsObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Test addon: Java classes exported as JS classes with {@code @JsExport} (glue and .d.ts generated). */
public final class JsExportClasses implements Addon {
  /** How often the account of each owner was closed, over every env of the process. */
  private static final Map<String, Integer> CLOSED = new ConcurrentHashMap<>();
  /** Accounts made (by JS or Java) over the process. */
  private static final AtomicInteger OPENED = new AtomicInteger();

  /** A bank account: state, methods, getters, statics; closed once when JS lets it go. */
  @JsExport
  public static final class Account implements AutoCloseable {
    private final String owner;
    private long cents;
    private boolean frozen;

    /** Opens an account for {@code owner} holding {@code cents}. */
    public Account(String owner, long cents) {
      if (cents < 0) throw new IllegalArgumentException("an account cannot open below zero");
      this.owner = owner;
      this.cents = cents;
      OPENED.incrementAndGet();
    }

    /** Not exported: JS has the public constructor only. */
    Account(String owner) {
      this(owner, 0);
    }

    /** Adds {@code amount} and returns the new balance. */
    @JsExport
    public long deposit(long amount) {
      if (frozen) throw new IllegalStateException(owner + "'s account is frozen");
      cents += amount;
      return cents;
    }

    /** Who owns the account. */
    @JsExport
    public String getOwner() {
      return owner;
    }

    /** The balance, in cents. */
    @JsExport
    public long getBalance() {
      return cents;
    }

    /** Whether deposits are refused. */
    @JsExport
    public boolean isFrozen() {
      return frozen;
    }

    /** Refuses further deposits. */
    @JsExport
    public void freeze() {
      frozen = true;
    }

    /** Moves {@code amount} to {@code to}; returns this account (the same JS object). */
    @JsExport
    public Account transfer(Account to, long amount) {
      to.deposit(amount);
      cents -= amount;
      return this;
    }

    /** The richer of this and {@code other} (this if {@code other} is missing); null if they hold the same. */
    @JsExport("richer")
    public @Nullable Account richerOf(@Nullable Account other) {
      if (other == null) return this;
      return cents == other.cents ? null : cents > other.cents ? this : other;
    }

    /** This account and {@code other}, as an array. */
    @JsExport
    public List<Account> pair(Account other) {
      return List.of(this, other);
    }

    /** Calls {@code visit} with this account (a callback taking an instance). */
    @JsExport
    public void visit(Consumer<Account> visit) {
      visit.accept(this);
    }

    /** This account's statement, a plain object. */
    @JsExport
    public Statement statement() {
      return new Statement(owner, cents);
    }

    /** A Promise of a new account for {@code owner}, made off the JS thread. */
    @JsExport
    public CompletableFuture<Account> openLater(String owner) {
      return CompletableFuture.supplyAsync(() -> new Account(owner));
    }

    /** A new account holding what {@code a} and {@code b} hold. */
    @JsExport
    public static Account joint(Account a, Account b) {
      return new Account(a.owner + "&" + b.owner, a.cents + b.cents);
    }

    /** Accounts opened over the process. */
    @JsExport
    public static int opened() {
      return OPENED.get();
    }

    /** Not exported: not marked. */
    public String secret() {
      return "not exported";
    }

    @Override
    public void close() {
      CLOSED.merge(owner, 1, Integer::sum);
    }
  }

  /** A statement: a plain record, so a plain object in JS. */
  public record Statement(String owner, long balance) {}

  /** A record exported as the JS class {@code Vec}: its components are read-only properties. */
  @JsExport("Vec")
  public record Vector(double x, double y) {
    /** Its length. */
    @JsExport
    public double length() {
      return Math.hypot(x, y);
    }

    /** The sum of this and {@code other}. */
    @JsExport
    public Vector plus(Vector other) {
      return new Vector(x + other.x, y + other.y);
    }
  }

  @Override
  public void init(Env env, JsObject exports) {
    JsExportClassesExports.register(env, exports);
  }

  /** The sum of the balances of {@code accounts}. */
  @JsExport
  static long totalBalance(Account... accounts) {
    long total = 0;
    for (Account account : accounts) total += account.cents;
    return total;
  }

  /** How often the account of {@code owner} was closed. */
  @JsExport
  static int closed(String owner) {
    return CLOSED.getOrDefault(owner, 0);
  }

  /** A vector made by Java. */
  @JsExport
  static Vector unit() {
    return new Vector(1, 0);
  }
}

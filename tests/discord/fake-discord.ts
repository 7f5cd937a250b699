/**
 * A small fake Discord on 127.0.0.1 for driving the real discord.js client: the REST routes the
 * bot uses (served under `/api/v10`, so discord.js is pointed at it with `rest.api`) and a
 * WebSocket gateway (HELLO, IDENTIFY, heartbeats, READY, GUILD_CREATE, then the interactions and
 * forum posts a test injects). Every REST request is recorded with its arrival time, so tests and
 * the bench can look at exactly what the bot sent and when.
 */
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { WebSocket } from 'ws';
import { Recorder, startRecordingServer, type RecordingServer } from '../support/recording-server.js';

export const IDS = {
  application: '100000000000000001',
  guild: '200000000000000001',
  channel: '300000000000000001',
  /** A forum channel (type 15), for auto-answered posts. */
  forum: '300000000000000002',
  owner: '500000000000000001',
  moderatorRole: '400000000000000001',
} as const;

/** The Message Content intent bit: without it, Discord sends messages with empty content. */
const MESSAGE_CONTENT_INTENT = 1 << 15;

/** Discord's permission bits the tests need (as in discord.js's PermissionFlagsBits). */
export const PERMISSIONS = { viewAndSend: (1n << 10n) | (1n << 11n), manageGuild: 1n << 5n } as const;

export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, e.g. `/interactions/123/tok/callback`. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The JSON the bot sent; tests read the fields they check. */
  body: any;
  /** performance.now() when the request arrived. */
  at: number;
}

/** Who triggers an interaction. */
export interface MemberOptions {
  /** Defaults to a fresh user, so per-user rate limits never leak between tests. */
  userId?: string;
  /** The member's permissions in the channel; defaults to view + send only. */
  permissions?: bigint;
  roles?: string[];
  /** Refuse the bot's edit of the deferred reply (400), as Discord does an invalid message. */
  failEdit?: boolean;
  /** Refuse the bot's first response (400), as Discord does one that comes too late or is invalid. */
  failCallback?: boolean;
  /** The id of a thread made with `addThread` to act in; defaults to the text channel. */
  threadId?: string;
}

/** A message already in a thread: the bot's answer (with its embed title) or a member's message. */
export interface ThreadMessage {
  fromBot: boolean;
  content?: string;
  embedTitle?: string;
}

export interface InjectOptions extends MemberOptions {
  /** Command name, e.g. `ask`. */
  name: string;
  /** `resolved` of the command data, e.g. `{ attachments: { [id]: fake.attachment(…) } }`. */
  resolved?: Record<string, unknown>;
  /** Option values by name: strings, booleans, numbers. */
  options?: Record<string, string | boolean | number | { attachment: string }>;
}

/** A new post in a forum channel: its thread's title and first message. */
export interface ForumPost {
  title: string;
  content: string;
  forumId?: string;
  userId?: string;
  /** false: THREAD_CREATE for a thread that already existed (e.g. one the bot was added to). */
  newlyCreated?: boolean;
  /** The first message was deleted: fetching it gets 404 Unknown Message. */
  firstMessageGone?: boolean;
}

/** One injected interaction and what the bot sent back for it. */
export interface Injected {
  id: string;
  token: string;
  /** performance.now() when the event was sent on the gateway. */
  sentAt: number;
  /** The initial response: `POST /interactions/:id/:token/callback`. */
  callback(): Promise<RecordedRequest>;
  /** The edit of the deferred reply: `PATCH /webhooks/:app/:token/messages/@original`. */
  edited(): Promise<RecordedRequest>;
  /** The first follow-up message: `POST /webhooks/:app/:token`. */
  followUp(): Promise<RecordedRequest>;
  /** Every request made so far with this interaction's token. */
  requests(): RecordedRequest[];
}

export interface FakeDiscordOptions {
  token?: string;
  /** HELLO's heartbeat interval; discord.js sends its first heartbeat after a random part of it. */
  heartbeatIntervalMs?: number;
  /** How long `callback()`, `edited()`… wait before failing the test. */
  waitTimeoutMs?: number;
  /** Whether the application may use the Message Content intent (enabled in the Developer Portal). */
  messageContentAllowed?: boolean;
  /**
   * Close the gateway with this code on IDENTIFY, whatever is identified: a close code the fake
   * would not send on its own (e.g. 4004 for a token REST still accepts, 4011 sharding required).
   */
  closeOnIdentify?: number;
}

const API_PREFIX = '/api/v10';

export class FakeDiscord {
  /** The last IDENTIFY payload's `d`. */
  identify: { token: string; intents: number } | undefined;

  private readonly recorder: Recorder<RecordedRequest>;
  private server!: RecordingServer;
  /** Sends a dispatch event on the identified bot's connection. */
  private dispatchToBot: ((t: string, d: unknown) => void) | undefined;
  private nextId = 10n ** 18n;
  private readonly commandIds = new Map<string, string>();
  private readonly failingEdits = new Set<string>();
  private readonly failingCallbacks = new Set<string>();
  /** Forum posts' first messages, by thread id (a post's first message has its thread's id). */
  private readonly starterMessages = new Map<string, { content: string; userId: string }>();
  /** Files shared with commands, by their path on the fake CDN. */
  private readonly attachments = new Map<string, Buffer>();
  /** Threads tests made, with their messages oldest first. */
  private readonly threads = new Map<string, ThreadMessage[]>();
  /** Messages already in a channel that is not a thread (see addChannelMessages), oldest first. */
  private readonly channelMessages = new Map<string, ThreadMessage[]>();

  private constructor(private readonly options: Required<Omit<FakeDiscordOptions, 'closeOnIdentify'>> & Pick<FakeDiscordOptions, 'closeOnIdentify'>) {
    this.recorder = new Recorder('fake Discord', (seen) => seen.map((r) => `  ${r.method} ${r.path}`).join('\n'), options.waitTimeoutMs);
  }

  get token(): string {
    return this.options.token;
  }

  get requests(): RecordedRequest[] {
    return this.recorder.records;
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord({
      token: options.token ?? 'fake-bot-token',
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      waitTimeoutMs: options.waitTimeoutMs ?? 15_000,
      messageContentAllowed: options.messageContentAllowed ?? true,
      closeOnIdentify: options.closeOnIdentify,
    });
    fake.server = await startRecordingServer({
      request: (req, body, res) => fake.onRequest(req, body, res),
      wsPath: '/gateway',
      connection: (ws, req) => fake.onConnection(ws, req),
    });
    return fake;
  }

  private get origin(): string {
    return this.server.origin;
  }

  /** For discord.js's `rest.api` (and DISCORD_API_URL). */
  get apiUrl(): string {
    return `http://${this.origin}/api`;
  }

  /** Resolves with the first recorded request (past or future) that matches. */
  waitFor(match: (r: RecordedRequest) => boolean, what: string): Promise<RecordedRequest> {
    return this.recorder.waitFor(match, what);
  }

  /** Sends an INTERACTION_CREATE for a chat input command, as Discord does when someone runs it. */
  injectCommand(opts: InjectOptions): Injected {
    const options = Object.entries(opts.options ?? {}).map(([name, value]) => ({
      name,
      // STRING, BOOLEAN, INTEGER or NUMBER, as Discord types an option's value.
      type: typeof value === 'object' ? 11 : typeof value === 'string' ? 3 : typeof value === 'boolean' ? 5 : Number.isInteger(value) ? 4 : 10,
      value: typeof value === 'object' ? value.attachment : value,
    }));
    const data = { id: this.commandId(opts.name), name: opts.name, type: 1, options, ...(opts.resolved ? { resolved: opts.resolved } : {}) };
    return this.injectInteraction(2 /* APPLICATION_COMMAND */, data, {}, opts, opts.name);
  }

  /** Sends an INTERACTION_CREATE for a click on the button `customId` under one of the bot's messages. */
  injectButton(customId: string, opts: MemberOptions = {}): Injected {
    const data = { custom_id: customId, component_type: 2 };
    return this.injectInteraction(3 /* MESSAGE_COMPONENT */, data, { message: this.message({ channel_id: IDS.channel }) }, opts, customId);
  }

  /**
   * Creates a post in a forum as Discord does: THREAD_CREATE (newly created) for its thread; its
   * first message can then be fetched, with content only under the Message Content intent.
   * Resolves the thread's id.
   */
  injectForumPost(post: ForumPost): string {
    const dispatch = this.connectedBot();
    const id = this.snowflake();
    const userId = post.userId ?? this.snowflake();
    if (!post.firstMessageGone) this.starterMessages.set(id, { content: post.content, userId });
    dispatch('THREAD_CREATE', {
      id,
      type: 11, // PUBLIC_THREAD
      guild_id: IDS.guild,
      parent_id: post.forumId ?? IDS.forum,
      owner_id: userId,
      name: post.title,
      last_message_id: id,
      message_count: 0,
      member_count: 1,
      rate_limit_per_user: 0,
      flags: 0,
      applied_tags: [],
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
      newly_created: post.newlyCreated ?? true,
    });
    return id;
  }

  /** Messages the bot sent to a channel or thread (`POST /channels/:id/messages`). */
  sentTo(channelId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
  }

  private connectedBot(): (t: string, d: unknown) => void {
    if (!this.dispatchToBot) throw new Error('fake Discord: no bot has identified on the gateway');
    return this.dispatchToBot;
  }

  private injectInteraction(type: number, data: object, extra: object, opts: MemberOptions, what: string): Injected {
    const dispatch = this.connectedBot();
    const id = this.snowflake();
    const token = `interaction-token-${id}`;
    const userId = opts.userId ?? this.snowflake();
    const permissions = String(opts.permissions ?? PERMISSIONS.viewAndSend);
    if (opts.failEdit) this.failingEdits.add(token);
    if (opts.failCallback) this.failingCallbacks.add(token);
    dispatch('INTERACTION_CREATE', {
      id,
      application_id: IDS.application,
      type,
      token,
      version: 1,
      data,
      ...extra,
      guild_id: IDS.guild,
      channel_id: opts.threadId ?? IDS.channel,
      channel: opts.threadId ? this.threadChannel(opts.threadId) : { id: IDS.channel, type: 0, guild_id: IDS.guild, name: 'general' },
      member: {
        user: user(userId, `user${userId.slice(-4)}`),
        roles: opts.roles ?? [],
        permissions,
        joined_at: '2025-01-01T00:00:00.000Z',
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
      },
      app_permissions: String(PERMISSIONS.viewAndSend),
      locale: 'ja',
      guild_locale: 'ja',
      entitlements: [],
      authorizing_integration_owners: { '0': IDS.guild },
      context: 0,
      attachment_size_limit: 10_485_760,
    });
    const sentAt = performance.now();
    const mine = (method: string, path: string) => (r: RecordedRequest) => r.method === method && r.path === path;
    return {
      id,
      token,
      sentAt,
      callback: () => this.waitFor(mine('POST', `/interactions/${id}/${token}/callback`), `callback for ${what}`),
      edited: () => this.waitFor(mine('PATCH', `/webhooks/${IDS.application}/${token}/messages/@original`), `edit for ${what}`),
      followUp: () => this.waitFor(mine('POST', `/webhooks/${IDS.application}/${token}`), `follow-up for ${what}`),
      requests: () => this.requests.filter((r) => r.path.includes(`/${token}`)),
    };
  }

  close(): Promise<void> {
    return this.server.close();
  }

  // ---- REST ----

  private onRequest(req: http.IncomingMessage, raw: string, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', `http://${this.origin}`);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname),
      query: url.searchParams,
      headers: req.headers,
      body: raw && req.headers['content-type']?.includes('json') ? JSON.parse(raw) : raw || undefined,
      at: performance.now(),
    };
    // Attachments are files on Discord's CDN, not JSON.
    const attachment = recorded.method === 'GET' ? this.attachments.get(recorded.path) : undefined;
    if (attachment) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': attachment.length }).end(attachment);
      return;
    }
    const { status, body } = this.route(recorded);
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
    this.recorder.record(recorded);
  }

  private route(r: RecordedRequest): { status: number; body?: unknown } {
    const route = `${r.method} ${r.path}`;
    const authorized = r.headers.authorization === `Bot ${this.token}`;
    const unauthorized = { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    let m: RegExpMatchArray | null;
    if (route === 'GET /gateway/bot') {
      if (!authorized) return unauthorized;
      return {
        status: 200,
        body: {
          url: `ws://${this.origin}/gateway`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 60_000, max_concurrency: 1 },
        },
      };
    }
    if ((m = route.match(/^PUT \/applications\/(\d+)(?:\/guilds\/\d+)?\/commands$/))) {
      if (!authorized) return unauthorized;
      const list = r.body as { name: string }[];
      return { status: 200, body: list.map((c) => ({ ...c, id: this.commandId(c.name), application_id: m![1], version: '1' })) };
    }
    if ((m = route.match(/^POST \/interactions\/\d+\/([^/]+)\/callback$/))) {
      if (this.failingCallbacks.has(m[1]!)) return { status: 400, body: { message: 'Unknown interaction', code: 10062 } };
      return { status: 204 };
    }
    if (/^DELETE \/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(route)) return { status: 204 };
    if ((m = route.match(/^PATCH \/webhooks\/\d+\/([^/]+)\/messages\/@original$/))) {
      if (this.failingEdits.has(m[1]!)) return { status: 400, body: { message: 'Invalid Form Body', code: 50035 } };
      return { status: 200, body: this.message(r.body) };
    }
    if (/^POST \/webhooks\/\d+\/[^/]+$/.test(route)) return { status: 200, body: this.message(r.body) };
    if ((m = route.match(/^POST \/channels\/(\d+)\/messages$/))) return { status: 200, body: this.message({ ...r.body, channel_id: m[1] }) };
    if ((m = route.match(/^GET \/channels\/(\d+)\/messages\/(\d+)$/))) {
      const starter = m[1] === m[2] ? this.starterMessages.get(m[1]!) : undefined;
      if (!starter) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
      const content = (this.identify?.intents ?? 0) & MESSAGE_CONTENT_INTENT ? starter.content : '';
      return { status: 200, body: this.message({ id: m[2], channel_id: m[1], type: 0, author: user(starter.userId, 'asker'), content }) };
    }
    if ((m = route.match(/^GET \/channels\/(\d+)$/)) && this.threads.has(m[1]!)) return { status: 200, body: this.threadChannel(m[1]!) };
    if ((m = route.match(/^GET \/channels\/(\d+)\/messages(?:\?.*)?$/)) && (this.threads.has(m[1]!) || this.channelMessages.has(m[1]!))) {
      // Discord lists a channel's messages newest first.
      const list = (this.threads.get(m[1]!) ?? this.channelMessages.get(m[1]!))!.map((t, i) => this.threadMessage(m![1]!, t, i)).reverse();
      return { status: 200, body: list };
    }
    return { status: 404, body: { message: `Unknown route (fake Discord): ${route}`, code: 0 } };
  }

  /** A file for an attachment option: its id and the fields Discord sends in `resolved.attachments`. */
  attachment(filename: string, bytes: Uint8Array) {
    const id = this.snowflake();
    const path = `/attachments/${IDS.channel}/${id}/${encodeURIComponent(filename)}`;
    this.attachments.set(decodeURIComponent(path), Buffer.from(bytes));
    const url = `http://${this.origin}${path}`;
    return { id, filename, size: bytes.length, url, proxy_url: url, content_type: 'text/plain; charset=utf-8' };
  }

  /** Sends an autocomplete interaction for option `focused` of `name` (what has been typed so far). */
  injectAutocomplete(name: string, focused: string, typed: string, opts: MemberOptions = {}): Injected {
    const data = { id: this.commandId(name), name, type: 1, options: [{ name: focused, type: 3, value: typed, focused: true }] };
    return this.injectInteraction(4 /* APPLICATION_COMMAND_AUTOCOMPLETE */, data, {}, opts, `${name} autocomplete`);
  }

  /** A public thread under the text channel, holding `messages` (oldest first); returns its id. */
  addThread(messages: ThreadMessage[]): string {
    const id = this.snowflake();
    this.threads.set(id, messages);
    return id;
  }

  /** Puts `messages` (oldest first) in the text channel itself, where commands are used outside threads. */
  addChannelMessages(messages: ThreadMessage[]): void {
    this.channelMessages.set(IDS.channel, messages);
  }

  private threadChannel(id: string) {
    return {
      id,
      type: 11, // PUBLIC_THREAD
      guild_id: IDS.guild,
      parent_id: IDS.channel,
      name: 'thread',
      owner_id: IDS.owner,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: '2025-01-01T00:00:00.000Z', locked: false },
    };
  }

  private threadMessage(channelId: string, message: ThreadMessage, i: number) {
    const author = message.fromBot ? user(IDS.application, 'qa-bot', true) : user(IDS.owner, 'asker');
    const embeds = message.embedTitle ? [{ type: 'rich', title: message.embedTitle }] : [];
    return { ...this.message({ channel_id: channelId, content: message.content ?? '', embeds }), id: String(BigInt(channelId) + BigInt(i + 1)), type: 0, author };
  }

  /** The message object Discord returns for a webhook send or edit. */
  private message(sent: Record<string, unknown>) {
    return {
      id: this.snowflake(),
      type: 20, // CHAT_INPUT_COMMAND reply
      channel_id: IDS.channel,
      author: user(IDS.application, 'qa-bot', true),
      content: '',
      embeds: [],
      attachments: [],
      components: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      flags: 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      ...sent,
    };
  }

  // ---- Gateway ----

  private onConnection(ws: WebSocket, req: http.IncomingMessage) {
    const params = new URL(req.url ?? '/', `http://${this.origin}`).searchParams;
    // discord.js asks for zlib-stream only when the optional zlib-sync package is installed.
    if (params.get('encoding') !== 'json' || params.has('compress')) {
      ws.close(4002, 'fake Discord speaks uncompressed JSON only');
      return;
    }
    let seq = 0;
    const send = (payload: object) => ws.send(JSON.stringify(payload));
    const dispatch = (t: string, d: unknown) => send({ op: 0, t, s: ++seq, d });
    ws.on('message', (raw) => {
      const { op, d } = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (op === 1) {
        send({ op: 11 });
      } else if (op === 2) {
        this.identify = d as FakeDiscord['identify'];
        if (this.options.closeOnIdentify !== undefined) {
          ws.close(this.options.closeOnIdentify, 'Closed by the test.');
          return;
        }
        if (this.identify?.token !== this.token) {
          ws.close(4004, 'Authentication failed.');
          return;
        }
        if (!this.options.messageContentAllowed && this.identify.intents & MESSAGE_CONTENT_INTENT) {
          ws.close(4014, 'Disallowed intent(s).');
          return;
        }
        this.dispatchToBot = dispatch;
        dispatch('READY', {
          v: 10,
          user: user(IDS.application, 'qa-bot', true),
          guilds: [{ id: IDS.guild, unavailable: true }],
          session_id: 'fake-session',
          resume_gateway_url: `ws://${this.origin}/gateway`,
          shard: [0, 1],
          application: { id: IDS.application, flags: 0 },
        });
        dispatch('GUILD_CREATE', guild());
      } else if (op === 6) {
        send({ op: 9, d: false }); // no resuming: start a new session
      }
    });
    send({ op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
  }

  private snowflake(): string {
    return String(this.nextId++);
  }

  private commandId(name: string): string {
    if (!this.commandIds.has(name)) this.commandIds.set(name, this.snowflake());
    return this.commandIds.get(name)!;
  }
}

function user(id: string, username: string, bot = false) {
  return { id, username, discriminator: '0', global_name: null, avatar: null, bot };
}

function guild() {
  return {
    id: IDS.guild,
    name: 'Fake Guild',
    icon: null,
    owner_id: IDS.owner,
    unavailable: false,
    member_count: 3,
    large: false,
    joined_at: '2025-01-01T00:00:00.000Z',
    features: [],
    premium_tier: 0,
    preferred_locale: 'ja',
    roles: [
      role(IDS.guild, '@everyone', PERMISSIONS.viewAndSend),
      role(IDS.moderatorRole, 'moderators', PERMISSIONS.viewAndSend),
    ],
    channels: [
      { id: IDS.channel, type: 0, name: 'general', position: 0, permission_overwrites: [] },
      { id: IDS.forum, type: 15, name: 'questions', position: 1, permission_overwrites: [], available_tags: [], flags: 0 },
    ],
    members: [],
    emojis: [],
    stickers: [],
    threads: [],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}

function role(id: string, name: string, permissions: bigint) {
  return { id, name, permissions: String(permissions), color: 0, hoist: false, position: 0, managed: false, mentionable: false, flags: 0 };
}

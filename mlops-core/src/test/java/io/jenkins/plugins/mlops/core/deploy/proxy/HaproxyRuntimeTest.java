package io.jenkins.plugins.mlops.core.deploy.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runtime-API commands mlDeploy sends and how it reads the answers (HAProxy 2.6's formats). */
class HaproxyRuntimeTest {

    /** Captured from HAProxy 2.6.12's {@code show stat} (columns cut after {@code addr,cookie}). */
    private static final String STAT = "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,"
            + "eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,"
            + "lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,"
            + "hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt,"
            + "comp_in,comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,ctime,rtime,ttime,agent_status,"
            + "agent_code,agent_duration,check_desc,agent_desc,check_rise,check_fall,check_health,agent_rise,"
            + "agent_fall,agent_health,addr,cookie\n"
            + "stable,FRONTEND,,,0,1,9985,4,328,492,0,0,0,,,,,OPEN,,,,,,,,,1,2,0,,,,0,0,0,3,,,,0,4,0,0,0,0,,0,3,4,,,0,0,0,"
            + "0,,,,,,,,,,,,,,,,,,,,,\n"
            + "replicas,srv-a,0,0,2,3,,140,246,369,,0,,0,0,0,0,UP,1,1,0,0,0,5,2,,1,3,2,,3,,2,0,,3,L7OK,200,2,0,137,0,0,"
            + "3,0,,,,3,0,0,,,,,5,,,0,0,4,5,,,,Layer7 check passed,,1,2,2,,,,127.0.0.1:21001,\n"
            + "replicas,srv-b,0,0,0,1,,9,246,369,,0,,0,0,0,0,DRAIN,1,1,0,0,0,5,2,,1,3,3,,3,,2,0,,3,L7OK,200,2,0,9,0,0,0,"
            + "0,,,,3,0,0,,,,,5,,,0,0,1,1,,,,Layer7 check passed,,1,2,2,,,,127.0.0.1:21002,\n"
            + "replicas,BACKEND,0,0,2,3,410,149,246,369,0,0,,0,0,0,0,UP,1,1,0,,0,5,0,,1,3,0,,3,,1,0,,3,,,,0,146,0,0,3,"
            + "0,,,,149,0,0,0,0,0,0,5,,,0,0,4,5,,,,,,,,,,,,,\n";

    @Test
    void readsEachReplicasStateAndCounters() throws Exception {
        List<ProxyServer> servers = HaproxyRuntime.parseStat(STAT);
        assertThat(servers).extracting(ProxyServer::name).containsExactly("srv-a", "srv-b");
        ProxyServer a = servers.get(0);
        assertThat(a.address()).isEqualTo("127.0.0.1:21001");
        assertThat(a.sessions()).isEqualTo(2);
        assertThat(a.totalSessions()).isEqualTo(140);
        assertThat(a.responses5xx()).isEqualTo(3);
        assertThat(a.responseMillis()).isEqualTo(4);
        assertThat(a.inRotation()).isTrue();
        assertThat(a.healthy()).isTrue();
        ProxyServer b = servers.get(1);
        assertThat(b.drained()).isTrue();
        assertThat(b.inRotation()).isFalse();
        assertThat(b.healthy()).as("a drained replica is still checked").isTrue();
        assertThatThrownBy(() -> HaproxyRuntime.parseStat("Unknown command.")).isInstanceOf(ProxyException.class);
    }

    @Test
    void commandsMakeNewReplicasReadyBeforeOldOnesDrainAndNameRefusals() throws Exception {
        List<String> sent = new ArrayList<>();
        HaproxyRuntime runtime = new HaproxyRuntime(line -> {
            sent.add(line);
            return line.startsWith("add") ? "New server registered.\n\n" : line.startsWith("del") ? "Server deleted.\n" : "\n";
        });
        runtime.add(new HaproxyConfig.Server("new-0", 21003));
        runtime.switchTraffic(List.of("new-0"), List.of("old-0"));
        runtime.remove("old-0");
        assertThat(sent).containsExactly(
                "add server replicas/new-0 127.0.0.1:21003 " + HaproxyConfig.CHECK
                        + "; enable health replicas/new-0; set server replicas/new-0 state drain",
                "set server replicas/new-0 state ready; set server replicas/old-0 state drain",
                "set server replicas/old-0 state maint; shutdown sessions server replicas/old-0",
                "del server replicas/old-0");

        HaproxyRuntime refusing = new HaproxyRuntime(line -> "No such server.\n");
        assertThatThrownBy(() -> refusing.switchTraffic(List.of("x"), List.of()))
                .isInstanceOf(ProxyException.class).hasMessageContaining("No such server.");
        assertThatThrownBy(() -> runtime.switchTraffic(List.of("bad name"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConfigurationBindsTheEndpointAndChecksEveryReplica() {
        String text = new HaproxyConfig("127.0.0.1", 8080, "/ping", List.of(new HaproxyConfig.Server("r-0", 21001)))
                .text();
        assertThat(text).contains("stats socket /run/mlops/admin.sock mode 600 level admin")
                .contains("bind 127.0.0.1:8080")
                .contains("http-check send meth GET uri /ping ver HTTP/1.1 hdr Host localhost")
                .contains("server r-0 127.0.0.1:21001 " + HaproxyConfig.CHECK)
                .contains("retry-on conn-failure empty-response").contains("option redispatch");
        assertThat(new HaproxyConfig("::1", 80, "/h", List.of()).text()).contains("bind [::1]:80");
    }
}

/**
 * Test doubles of what Pipeline hands a step (context, build, log). They subclass the API stand-ins from
 * jenkins-api-stubs, whose abstract members are a subset of the real ones, so they compile against the stubs only;
 * the {@code jenkins} profile leaves this package and the tests using it out and runs a JenkinsRule test instead.
 */
package io.jenkins.plugins.mlops.testing.context;
